import { MAX_REASON_LENGTH } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { z } from 'zod/v3';
import { RegistryConfig } from '../config/readRegistryConfig';

// The fields several actions take, as an agent reads them. These schemas give types and descriptions
// only: the values are then checked by the REST API's own schemas (`registryRequests.ts`), so a value
// the API refuses is refused here with the same message. The configured values are named in the
// descriptions rather than enforced as enums for the same reason.

/**
 * The zod the actions registry hands to schema factories (zod 3's API).
 *
 * @internal
 */
export type Zod = typeof z;

/**
 * The Regions of every configured account, once each.
 *
 * @internal
 */
export function managedRegions(config: RegistryConfig): string[] {
  return [...new Set(config.accounts.flatMap(a => a.regions))];
}

/**
 * The name of a model.
 *
 * @internal
 */
export function modelField(zod: Zod) {
  return zod
    .string()
    .describe(
      'Name of the model in the registry, e.g. "support-summarizer": lower-case letters and digits in words joined by single hyphens, at most 50 characters. list-models finds names from a title or owner.',
    );
}

/**
 * An alias, one of the configured ones.
 *
 * @internal
 */
export function aliasField(zod: Zod, config: RegistryConfig) {
  return zod
    .string()
    .describe(
      `Which alias pointer: one of ${config.aliases.join(
        ', ',
      )}. Each alias has one pointer per Region; callers read the ARN it names from SSM.`,
    );
}

/**
 * A Region, one the registry manages; `what` says which Region the action means.
 *
 * @internal
 */
export function regionField(zod: Zod, config: RegistryConfig, what: string) {
  return zod
    .string()
    .describe(
      `AWS Region ${what}: one of the Regions the registry manages (${
        managedRegions(config).join(', ') || 'none configured'
      }).`,
    );
}

/**
 * An account id, one the registry manages; `what` says which account the action means.
 *
 * @internal
 */
export function accountField(zod: Zod, config: RegistryConfig, what: string) {
  return zod
    .string()
    .describe(
      `12-digit AWS account id ${what}: one of the accounts the registry manages (${
        config.accounts.map(a => a.accountId).join(', ') || 'none configured'
      }).`,
    );
}

/**
 * A data classification, one of the configured ones.
 *
 * @internal
 */
export function classificationField(zod: Zod, config: RegistryConfig) {
  return zod
    .string()
    .describe(
      `Data classification of what the model was trained on: one of ${config.classifications.join(
        ', ',
      )} (least to most sensitive). A new version may not lower its model's classification; raising it needs a portal admin.`,
    );
}

/**
 * Why a pointer moves.
 *
 * @internal
 */
export function reasonField(zod: Zod) {
  return zod
    .string()
    .describe(
      `Why the pointer moves, in the user's words (1-${MAX_REASON_LENGTH} characters). It is kept in the pointer's history and the audit log for reviewers: ask the user for it rather than making one up.`,
    );
}

/**
 * The version the caller believes a pointer names, for the stale-state check.
 *
 * @internal
 */
export function expectedCurrentVersionField(zod: Zod) {
  return zod
    .number()
    .int()
    .nullable()
    .optional()
    .describe(
      'The version you believe the pointer names now (null: it names none yet), as get-model showed it. If the pointer moved since, nothing moves and the answer is a ConflictError naming the current version. Give it whenever you read the pointer first, so you never undo a move you have not seen.',
    );
}

/**
 * Whether to check a move and answer it without making it.
 *
 * @internal
 */
export function dryRunField(zod: Zod) {
  return zod
    .boolean()
    .optional()
    .describe(
      'true: check everything the move would check (permission, version ready, same Region and account, staleness) and answer with the move it would make, changing nothing. Use it to show the user what will happen before they confirm.',
    );
}

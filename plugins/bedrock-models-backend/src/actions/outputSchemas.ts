import { Zod } from './inputFields';

// The shapes the registry answers with (the OpenAPI document's schemas), for the actions' output
// schemas. Every object passes unknown fields through: the actions answer what the registry service
// answers, so fields the registry gains later reach the agent instead of being stripped.

/**
 * A model (the OpenAPI `Model`).
 *
 * @internal
 */
export function modelOutput(zod: Zod) {
  return zod
    .object({
      name: zod.string(),
      title: zod.string().optional(),
      description: zod.string().optional(),
      owner: zod
        .string()
        .describe(
          'Catalog Group or User entity ref that owns the model, e.g. group:default/support-ml. Its members (and portal admins) may move its pointers.',
        ),
      system: zod.string().optional(),
      classification: zod.string(),
      lineage: zod
        .object({
          baseModel: zod.string().optional(),
          trainingDataUri: zod.string().optional(),
          trainingJob: zod.string().optional(),
          evaluationReportUrl: zod.string().optional(),
        })
        .passthrough(),
      tags: zod.array(zod.string()),
      createdBy: zod.string(),
      createdAt: zod.string(),
      updatedAt: zod.string(),
    })
    .passthrough();
}

/**
 * A version of a model (the OpenAPI `ModelVersion`).
 *
 * @internal
 */
export function versionOutput(zod: Zod) {
  return zod
    .object({
      modelName: zod.string(),
      number: zod.number().describe('Version number: 1, 2, 3 ... per model.'),
      accountId: zod.string(),
      region: zod.string(),
      status: zod
        .string()
        .describe(
          'importing, ready (may be promoted), failed, retired (by the portal) or deleted (outside it).',
        ),
      importedModelArn: zod
        .string()
        .optional()
        .describe('The Bedrock imported-model ARN callers invoke.'),
      importedModelName: zod.string().optional(),
      jobArn: zod.string().optional(),
      jobName: zod.string().optional(),
      failureMessage: zod.string().optional(),
      s3Uri: zod.string(),
      architecture: zod.string().optional(),
      instructSupported: zod.boolean().optional(),
      cmusPerCopy: zod.number().optional(),
      coldStartMs: zod.number().optional(),
      lastCheckError: zod.string().optional(),
      managed: zod
        .boolean()
        .describe('false for versions imported outside the portal.'),
      flag: zod.string().optional(),
      createdBy: zod.string(),
      createdAt: zod.string(),
      updatedAt: zod.string(),
    })
    .passthrough();
}

/**
 * An alias pointer (the OpenAPI `AliasPointer`).
 *
 * @internal
 */
export function pointerOutput(zod: Zod) {
  return zod
    .object({
      modelName: zod.string(),
      alias: zod.string(),
      region: zod.string(),
      accountId: zod.string(),
      version: zod.number().describe('The version the pointer names.'),
      revision: zod.number().describe('How many times the pointer moved.'),
      updatedBy: zod.string(),
      updatedAt: zod.string(),
      parameterName: zod
        .string()
        .describe('The SSM parameter callers read the ARN from.'),
      rollbackTarget: zod
        .number()
        .optional()
        .describe(
          'The version a rollback would move to; absent when the pointer never named another.',
        ),
    })
    .passthrough();
}

/**
 * One move in a pointer's history (the OpenAPI `PointerMove`).
 *
 * @internal
 */
export function pointerMoveOutput(zod: Zod) {
  return zod
    .object({
      id: zod.number(),
      modelName: zod.string(),
      alias: zod.string(),
      region: zod.string(),
      seq: zod
        .number()
        .describe("Position in the pointer's history: 1, 2, 3 ..."),
      kind: zod.enum(['promote', 'rollback']),
      fromVersion: zod
        .number()
        .nullable()
        .describe('The version named before; null for the first move.'),
      toVersion: zod.number(),
      actor: zod.string().describe('Who moved it (a user entity ref).'),
      at: zod.string(),
      reason: zod.string(),
    })
    .passthrough();
}

/**
 * Whether a pointer's SSM parameter is published (the OpenAPI `PublishState`).
 *
 * @internal
 */
export function publishStateOutput(zod: Zod) {
  return zod
    .object({
      alias: zod.string(),
      region: zod.string(),
      status: zod
        .string()
        .describe(
          'pending until SSM names what the pointer names, then published.',
        ),
      attempts: zod.number(),
      lastError: zod.string().optional(),
      publishedAt: zod.string().optional(),
    })
    .passthrough();
}

/**
 * Discovery's last pass in an account and Region (the OpenAPI `DiscoverySyncState`).
 *
 * @internal
 */
export function syncStateOutput(zod: Zod) {
  return zod
    .object({
      accountId: zod.string(),
      region: zod.string(),
      lastAttemptAt: zod.string(),
      lastSuccessAt: zod.string().optional(),
      failingSince: zod.string().optional(),
      lastError: zod.string().optional(),
      outsideJobsInProgress: zod.number(),
    })
    .passthrough();
}

/**
 * What a promote or rollback answers: the registry service's result as it is. Its fields are optional
 * and unknown ones pass through, so an answer other than a move (the registry will answer some moves
 * with a request for approval) reaches the agent as the registry gives it, rather than failing here.
 *
 * @internal
 */
export function pointerMoveResultOutput(zod: Zod) {
  return zod
    .object({
      move: pointerMoveOutput(zod)
        .optional()
        .describe(
          'The move made (with dryRun: the move it would make; nothing was recorded).',
        ),
      pointer: pointerOutput(zod)
        .optional()
        .describe('The pointer after the move.'),
      published: zod
        .boolean()
        .optional()
        .describe(
          'Whether SSM already named the new ARN when the answer was sent; when false, the publisher retries within about a minute.',
        ),
      dryRun: zod
        .boolean()
        .optional()
        .describe('true when nothing moved because dryRun was asked.'),
      outboxId: zod.number().optional(),
      warnings: zod
        .array(zod.string())
        .optional()
        .describe(
          'What the move went ahead despite, e.g. an evaluation gate that warns.',
        ),
      needsApproval: zod
        .boolean()
        .optional()
        .describe(
          'With dryRun: true when the real call would become an approval request instead of a move.',
        ),
      approvalRule: approvalRuleOutput(zod)
        .optional()
        .describe('The approval rule that covers this pointer, if one does.'),
      approvalRequest: zod
        .object({
          id: zod
            .string()
            .describe(
              'The request; approvers decide on it in the portal (Approvals page) or through the REST API.',
            ),
          status: zod.string().describe('pending until decided or expired.'),
          targetVersion: zod.number(),
          fromVersion: zod.number().nullable(),
          requestedBy: zod.string(),
          expiresAt: zod.string(),
          rule: approvalRuleOutput(zod),
        })
        .passthrough()
        .optional()
        .describe(
          'Set instead of move when an approval rule covers the pointer: nothing moved yet; the pointer moves when the rule is satisfied. Tell the user who must approve.',
        ),
    })
    .passthrough()
    .describe(
      'What the registry answered: a move (move, pointer, published, dryRun) or, under an approval rule, the approval request it opened (approvalRequest). Any other field the registry answers is passed on as it is.',
    );
}

/**
 * An approval rule (the OpenAPI `ApprovalRule`).
 *
 * @internal
 */
export function approvalRuleOutput(zod: Zod) {
  return zod
    .object({
      aliases: zod.array(zod.string()),
      classifications: zod.array(zod.string()),
      approvals: zod.number().describe('How many distinct approvers it needs.'),
      approvers: zod
        .array(zod.string())
        .describe(
          "Who may approve: 'owners' (the model's owners) and group or user entity refs; never the requester.",
        ),
      allowEmergencyRollback: zod.boolean(),
      expiryHours: zod.number(),
    })
    .passthrough();
}

/**
 * One problem an artifact check found (the OpenAPI `ValidationProblem`).
 *
 * @internal
 */
export function validationProblemOutput(zod: Zod) {
  return zod
    .object({
      code: zod
        .string()
        .describe('Stable machine-readable code, e.g. missing-config.'),
      message: zod
        .string()
        .describe('What is wrong and what to change to fix it.'),
    })
    .passthrough();
}

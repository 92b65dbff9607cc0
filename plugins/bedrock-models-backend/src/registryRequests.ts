import { InputError } from '@backstage/errors';
import {
  checkModelName,
  MAX_REASON_LENGTH,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { z } from 'zod';
import { RegistryConfig } from './config/readRegistryConfig';

/** Parses input with a schema, turning every problem into one 400 that names the fields. */
export function parseInput<T>(
  schema: z.ZodType<T>,
  input: unknown,
  what: string,
): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map(issue => {
      const field = issue.path.length > 0 ? issue.path.join('.') : what;
      return `${field}: ${issue.message}`;
    });
    throw new InputError(`Invalid ${what}: ${problems.join('; ')}`);
  }
  return result.data;
}

/** Checks a model name from the path, so a bad one is a 400 and not a 404. */
export function modelNameParam(name: string): string {
  const problems = checkModelName(name);
  if (problems.length > 0) {
    throw new InputError(`Invalid model name "${name}": ${problems.join(' ')}`);
  }
  return name;
}

/** Checks a version number from the path, so a bad one is a 400 and not a 404. */
export function versionParam(version: string): number {
  const number = Number(version);
  if (!Number.isInteger(number) || number < 1) {
    throw new InputError(
      `Invalid version "${version}": use a whole number from 1.`,
    );
  }
  return number;
}

/** Checks an alias from the path against the configured aliases. */
export function aliasParam(config: RegistryConfig, alias: string): string {
  if (!config.aliases.includes(alias)) {
    throw new InputError(
      `Unknown alias "${alias}": use one of ${config.aliases.join(', ')}.`,
    );
  }
  return alias;
}

/** A Region the registry manages, in any configured account. */
function regionSchema(config: RegistryConfig) {
  const regions = [...new Set(config.accounts.flatMap(a => a.regions))];
  return z.string().refine(region => regions.includes(region), {
    message: `must be a managed Region (${
      regions.join(', ') || 'none configured'
    })`,
  });
}

const reason = z
  .string({
    error: issue =>
      issue.input === undefined
        ? 'is required: give a reason; it is kept in the history'
        : 'must be a string',
  })
  .trim()
  .min(1, 'give a reason; it is kept in the history')
  .max(MAX_REASON_LENGTH, `use at most ${MAX_REASON_LENGTH} characters`);

const believedCurrent = z
  .number()
  .int()
  .positive()
  .nullable()
  .optional()
  .describe('The version the caller believes the pointer names (null: none)');

/** Body of `POST /models/{model}/aliases/{alias}`: promote a version. */
export function promoteBody(config: RegistryConfig) {
  return z.strictObject({
    region: regionSchema(config),
    version: z.number().int().positive(),
    reason,
    expectedCurrentVersion: believedCurrent,
  });
}

/** Body of `POST /models/{model}/aliases/{alias}/rollback`. */
export function rollbackBody(config: RegistryConfig) {
  return z.strictObject({
    region: regionSchema(config),
    reason,
    expectedCurrentVersion: believedCurrent,
  });
}

/** Query of the history and point-in-time routes. */
export function pointerQuery(config: RegistryConfig) {
  return z.object({
    region: regionSchema(config),
    at: z
      .string()
      .refine(value => !Number.isNaN(Date.parse(value)), {
        message: 'must be an ISO 8601 time',
      })
      .optional(),
  });
}

/** Query of `GET /models`: search, filters, sort and page. */
export function modelSearchQuery(config: RegistryConfig) {
  return z
    .strictObject({
      q: z.string().max(200).optional(),
      owner: z.string().max(255).optional(),
      account: z
        .string()
        .regex(/^\d{12}$/, 'must be a 12-digit account id')
        .optional(),
      region: regionSchema(config).optional(),
      architecture: z.string().max(64).optional(),
      classification: z
        .string()
        .refine(c => config.classifications.includes(c), {
          message: `must be one of ${config.classifications.join(', ')}`,
        })
        .optional(),
      alias: z
        .string()
        .refine(a => config.aliases.includes(a), {
          message: `must be one of ${config.aliases.join(', ')}`,
        })
        .optional(),
      aliasState: z.enum(['set', 'unset']).optional(),
      sort: z.enum(['name', 'updatedAt']).default('name'),
      order: z.enum(['asc', 'desc']).default('asc'),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    })
    .refine(q => !q.aliasState || q.alias, {
      message: 'aliasState needs alias',
      path: ['aliasState'],
    });
}

/** Body of `POST /models/{model}/versions/{n}/retire`. */
export const retireBody = z.strictObject({ reason });

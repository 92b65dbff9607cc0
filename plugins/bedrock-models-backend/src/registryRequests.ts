import { InputError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  checkModelName,
  MAX_REASON_LENGTH,
  parseS3Uri,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { z } from 'zod';
import { RegistryConfig } from './config/readRegistryConfig';
import { ModelSearch } from './database/ModelStore';
import { ReportPaging } from './service/GovernanceReportService';
import { AuditFilters } from './database/AuditTrailQuery';
import {
  AUDIT_EVENT_KINDS,
  DEFAULT_IDLE_DAYS,
  REPORT_SORT_KEYS,
  ReportFilters,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** Parses input with a schema, turning every problem into one 400 that names the fields. */
export function parseInput<T>(
  schema: z.ZodType<T>,
  input: unknown,
  what: string,
): T {
  const nul = pathOfNulCharacter(input);
  if (nul !== undefined) {
    // PostgreSQL text cannot hold U+0000; refuse it here rather than fail in the database.
    throw new InputError(
      `Invalid ${what}: ${nul || what}: remove the NUL character (\\u0000).`,
    );
  }
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

/** Where in a JSON value a string holds a NUL character ('' for the value itself), if anywhere. */
function pathOfNulCharacter(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string')
    return value.includes('\u0000') ? path : undefined;
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
      const found = pathOfNulCharacter(child, path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
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
  // As the OpenAPI document's pattern: digits only, at most nine (no 1.0, 1e3 or leading zeros).
  if (!/^[1-9][0-9]{0,8}$/.test(version)) {
    throw new InputError(
      `Invalid version "${version}": use a whole number from 1 to 999999999, such as 3.`,
    );
  }
  return Number(version);
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
export function regionSchema(config: RegistryConfig) {
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
    dryRun: z.boolean().optional(),
  });
}

/** Body of `POST /models/{model}/aliases/{alias}/rollback`. */
export function rollbackBody(config: RegistryConfig) {
  return z.strictObject({
    region: regionSchema(config),
    reason,
    expectedCurrentVersion: believedCurrent,
    dryRun: z.boolean().optional(),
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
    })
    .transform(
      (q): ModelSearch => ({
        text: q.q,
        owner: q.owner,
        accountId: q.account,
        region: q.region,
        architecture: q.architecture,
        classification: q.classification,
        alias: q.alias,
        aliasState: q.aliasState,
        sort: q.sort,
        order: q.order,
        limit: q.limit,
        offset: q.offset,
      }),
    );
}

/** Body of `POST /models/{model}/versions/{n}/retire`. */
export const retireBody = z.strictObject({ reason });

/** A configured account id. */
function accountSchema(config: RegistryConfig) {
  const ids = config.accounts.map(a => a.accountId);
  return z
    .string()
    .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
    .refine(id => ids.includes(id), {
      message: `must be a managed account (${
        ids.join(', ') || 'none configured'
      })`,
    });
}

/** A configured classification. */
function classificationSchema(config: RegistryConfig) {
  return z.string().refine(c => config.classifications.includes(c), {
    message: `must be one of ${config.classifications.join(', ')}`,
  });
}

const s3UriSchema = z
  .string()
  .max(1024)
  .refine(uri => !('problem' in parseS3Uri(uri)), {
    error: issue => {
      const parsed = parseS3Uri(String(issue.input));
      return 'problem' in parsed ? parsed.problem : 'must be an S3 URI';
    },
  });

/** Checks the Region belongs to the account (accounts may manage different Regions). */
function regionOfAccount<T extends { accountId: string; region: string }>(
  config: RegistryConfig,
) {
  return (value: T, ctx: z.RefinementCtx) => {
    const account = config.accounts.find(a => a.accountId === value.accountId);
    if (account && !account.regions.includes(value.region)) {
      ctx.addIssue({
        code: 'custom',
        path: ['region'],
        message: `is not managed in account ${
          value.accountId
        } (${account.regions.join(', ')})`,
      });
    }
  };
}

/** Where the artifacts are and what they hold: the fields validation and import share. */
function artifactFields(config: RegistryConfig) {
  return {
    s3Uri: s3UriSchema,
    accountId: accountSchema(config),
    region: regionSchema(config),
    classification: classificationSchema(config),
  };
}

const ownerRef = z
  .string()
  .max(255)
  .transform((ref, ctx) => {
    try {
      const parsed = parseEntityRef(ref, { defaultNamespace: 'default' });
      if (!['group', 'user'].includes(parsed.kind.toLowerCase())) {
        throw new Error('not a group or user');
      }
      return stringifyEntityRef(parsed);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message:
          'must be a Group or User entity ref, e.g. group:default/support-ml',
      });
      return z.NEVER;
    }
  });

/** A model name in a body, by the portal's naming rule. */
const modelNameField = z.string().superRefine((name, ctx) => {
  const problems = checkModelName(name);
  if (problems.length > 0) {
    ctx.addIssue({ code: 'custom', message: problems.join(' ') });
  }
});

/** Body of `POST /validate`. */
export function validateBody(config: RegistryConfig) {
  return z
    .strictObject({
      ...artifactFields(config),
      owner: ownerRef.optional(),
      modelName: modelNameField.optional(),
    })
    .superRefine(regionOfAccount(config));
}

const optionalText = (max: number) => z.string().trim().max(max).optional();

/** Body of `POST /models/{model}/versions`. */
export function importBody(config: RegistryConfig) {
  return z
    .strictObject({
      ...artifactFields(config),
      owner: ownerRef.optional(),
      title: optionalText(200),
      description: optionalText(2000),
      system: optionalText(255),
      lineage: z
        .strictObject({
          baseModel: optionalText(255),
          trainingDataUri: optionalText(1024),
          trainingJob: optionalText(1024),
          evaluationReportUrl: optionalText(1024),
        })
        .optional(),
      tags: z
        .array(
          z
            .string()
            .regex(
              /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/,
              'use lower-case letters, digits and single hyphens',
            )
            .max(63),
        )
        .max(20)
        .optional(),
    })
    .superRefine(regionOfAccount(config));
}

/** The `Idempotency-Key` header of an import. */
export const idempotencyKeyHeader = z
  .string({
    error:
      'the Idempotency-Key header is required: send a unique key per import (a retry sends the same key)',
  })
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'use printable ASCII without spaces');

const MAX_COST_DAYS = 92;

/** Query of `GET /models/{model}/cost`: defaults to the last 30 days. */
export function costQuery(now: Date) {
  return z
    .strictObject({
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
    })
    .transform(q => {
      const to = q.to ? new Date(q.to) : now;
      const from = q.from
        ? new Date(q.from)
        : new Date(to.getTime() - 30 * 24 * 3600 * 1000);
      return { from, to };
    })
    .refine(q => q.from < q.to, {
      message: 'from must be before to',
      path: ['from'],
    })
    .refine(
      q => q.to.getTime() - q.from.getTime() <= MAX_COST_DAYS * 86400 * 1000,
      { message: `ask for at most ${MAX_COST_DAYS} days`, path: ['from'] },
    );
}

/** Query of `GET /quotas`. */
export function quotasQuery(config: RegistryConfig) {
  return z
    .strictObject({
      account: accountSchema(config),
      region: regionSchema(config),
    })
    .transform(q => ({ accountId: q.account, region: q.region }))
    .superRefine(regionOfAccount(config));
}

/** Days without invocations: a live version idle this long is listed. */
const idleDays = z.coerce
  .number()
  .int('must be a whole number of days')
  .min(1, 'must be 1 to 60 days')
  .max(
    60,
    'must be 1 to 60 days (CloudWatch is read for 30 days; 60 lists versions never called)',
  );

/** A point in time, with its offset (2026-11-29T10:00:00Z), as a Date. */
const dateTime = z.iso
  .datetime({
    offset: true,
    error: 'must be a date-time with its offset, e.g. 2026-11-29T10:00:00Z',
  })
  .transform(value => new Date(value));

/** Query of `GET /report`. */
export const reportQuery = z
  .strictObject({
    format: z.enum(['json', 'csv']).default('json'),
    q: z.string().max(200).optional(),
    owner: z.string().max(255).optional(),
    region: z.string().max(32).optional(),
    account: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit account id')
      .optional(),
    architecture: z.string().max(64).optional(),
    classification: z.string().max(64).optional(),
    status: z
      .enum(['importing', 'ready', 'failed', 'retired', 'deleted'])
      .optional(),
    managed: z.enum(['managed', 'unmanaged']).optional(),
    production: z.enum(['serving', 'not-serving']).optional(),
    named: z.enum(['named', 'unnamed']).optional(),
    idleDays: idleDays.optional(),
    residency: z.enum(['violates']).optional(),
    publishing: z.enum(['failing']).optional(),
    sort: z.enum(REPORT_SORT_KEYS).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(200).optional(),
  })
  .transform(({ format, account, sort, order, limit, cursor, ...filters }) => ({
    format,
    filters: { ...filters, accountId: account } as ReportFilters,
    paging: {
      sort: sort ?? 'model',
      order: order ?? 'asc',
      limit,
      cursor,
    } as ReportPaging,
    // An export follows the order asked; without one, model then version.
    order:
      sort || order
        ? { sort: sort ?? 'model', order: order ?? 'asc' }
        : undefined,
  }));

/** Query of `GET /attention`. */
export const attentionQuery = z
  .strictObject({ idleDays: idleDays.default(DEFAULT_IDLE_DAYS) })
  .transform(q => q.idleDays);

/** Query of `GET /audit`. */
export const auditQuery = z
  .strictObject({
    format: z.enum(['json', 'csv']).default('json'),
    model: z.string().max(50).optional(),
    owner: z.string().max(255).optional(),
    actor: z.string().max(255).optional(),
    region: z.string().max(32).optional(),
    kind: z.enum(AUDIT_EVENT_KINDS).optional(),
    from: dateTime.optional(),
    to: dateTime.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(300).optional(),
  })
  .refine(q => !q.from || !q.to || q.from < q.to, {
    message: 'must be after from',
    path: ['to'],
  })
  .transform(({ format, model, limit, cursor, ...rest }) => ({
    format,
    filters: { ...rest, modelName: model } as AuditFilters,
    paging: { limit, cursor },
  }));

/** Query of `GET /inventory`: a page of models by name, or (no limit) every model. */
export const inventoryQuery = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    after: z.string().max(50).optional(),
  })
  .refine(q => q.limit !== undefined || q.after === undefined, {
    message: 'after needs limit',
    path: ['after'],
  })
  .transform(q => ({
    page:
      q.limit === undefined ? undefined : { limit: q.limit, after: q.after },
  }));

/** Body of a decision on an approval request. */
export const decisionBody = z.strictObject({ reason });

/** Query of `GET /approvals`. */
export const approvalsQuery = z
  .strictObject({
    status: z
      .enum([
        'pending',
        'approved',
        'rejected',
        'expired',
        'cancelled',
        'stale',
      ])
      .optional(),
    model: z.string().max(50).optional(),
    mine: z.enum(['decide', 'requested']).optional(),
  })
  .transform(q => ({ status: q.status, modelName: q.model, mine: q.mine }));

/** An approval request id from the path. */
export function approvalIdParam(id: string): string {
  if (!/^[0-9a-f-]{36}$/.test(id)) {
    throw new InputError(
      `Invalid approval request id "${id.slice(
        0,
        50,
      )}": use the id a request answered with.`,
    );
  }
  return id;
}

/** Body of `PUT /models/{model}/evaluation-suite` (the document checks each prompt's shape). */
export const suiteBody = z.strictObject({
  prompts: z
    .array(
      z.strictObject({
        id: z
          .string()
          .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/)
          .max(64),
        prompt: z.string().trim().min(1, 'give the prompt text').max(8000),
        checks: z.strictObject({
          mustContain: z.array(z.string().max(500)).max(20).optional(),
          mustMatch: z.string().max(500).optional(),
          mustNotContain: z.array(z.string().max(500)).max(20).optional(),
          maxLatencyMs: z.number().int().positive().optional(),
          maxOutputTokens: z.number().int().positive().optional(),
        }),
        maxTokens: z.number().int().min(1).max(4096).optional(),
      }),
    )
    .max(50, 'use at most 50 prompts'),
});

/** Body of `POST /models/{model}/versions/{version}/evaluations`. */
export function evaluationStartBody(config: RegistryConfig) {
  return z.strictObject({
    region: regionSchema(config),
    compareWithAlias: z
      .string()
      .refine(a => config.aliases.includes(a), {
        message: `must be one of ${config.aliases.join(', ')}`,
      })
      .optional(),
  });
}

/** Query of `GET /models/{model}/evaluations`. */
export const evaluationsQuery = z
  .strictObject({ version: z.string().optional() })
  .transform(q => ({
    version: q.version === undefined ? undefined : versionParam(q.version),
  }));

/** An evaluation run id from the path. */
export function runIdParam(id: string): string {
  if (!/^[0-9a-f-]{36}$/.test(id)) {
    throw new InputError(
      `Invalid evaluation run id "${id.slice(
        0,
        50,
      )}": use the id a run answered with.`,
    );
  }
  return id;
}

/** The reason a change is made, as every change's body takes it. */
export const reasonField = reason;

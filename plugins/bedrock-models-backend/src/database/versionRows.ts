import { ModelVersion } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';

/** What recording a new version takes; the store assigns its number and timestamps. */
export type NewVersion = Omit<
  ModelVersion,
  'number' | 'createdAt' | 'updatedAt'
> & {
  /** Idempotency token of its CreateModelImportJob (portal imports). */
  clientRequestToken?: string;
  /** When the job tracker may first look at it (portal imports). */
  nextCheckAt?: Date;
};

/** The `model_versions` row of a new version: the one place that maps a version to its columns. */
export function toVersionInsert(
  version: NewVersion,
  number: number,
  times: { createdAt: Date; updatedAt: Date },
) {
  return {
    model_name: version.modelName,
    number,
    account_id: version.accountId,
    region: version.region,
    status: version.status,
    imported_model_arn: version.importedModelArn ?? null,
    imported_model_name: version.importedModelName ?? null,
    job_arn: version.jobArn ?? null,
    job_name: version.jobName ?? null,
    failure_message: version.failureMessage ?? null,
    s3_uri: version.s3Uri,
    architecture: version.architecture ?? null,
    instruct_supported: version.instructSupported ?? null,
    cmus_per_copy: version.cmusPerCopy ?? null,
    client_request_token: version.clientRequestToken ?? null,
    next_check_at: version.nextCheckAt ?? null,
    check_attempts: 0,
    flag: version.flag ?? null,
    managed: version.managed,
    created_by: version.createdBy,
    created_at: times.createdAt,
    updated_at: times.updatedAt,
  };
}

/** The number the next version of a model gets (a unique index catches two writers taking the same). */
export async function nextVersionNumber(
  tx: Knex.Transaction,
  modelName: string,
): Promise<number> {
  const [{ max }] = await tx('model_versions')
    .where({ model_name: modelName })
    .max({ max: 'number' });
  return Number(max ?? 0) + 1;
}

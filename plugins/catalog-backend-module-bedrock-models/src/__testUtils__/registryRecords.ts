import {
  AliasPointer,
  Model,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

const AT = '2026-11-01T10:00:00.000Z';

/** A registry model as GET /inventory returns it; fields can be overridden. */
export function aModel(overrides: Partial<Model> = {}): Model {
  return {
    name: 'support-summarizer',
    title: 'Support summarizer',
    description: 'Summarises support tickets for agents.',
    owner: 'group:default/support-ml',
    system: 'customer-support',
    classification: 'confidential',
    lineage: {},
    tags: [],
    createdBy: 'user:default/guest',
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

/** A ready, managed version in us-east-1; fields can be overridden. */
export function aVersion(
  overrides: Partial<ModelVersion> & { number: number },
): ModelVersion {
  const region = overrides.region ?? 'us-east-1';
  return {
    modelName: 'support-summarizer',
    region,
    status: 'ready',
    accountId: '123456789012',
    importedModelArn: `arn:aws:bedrock:${region}:123456789012:imported-model/abcdefgh000${overrides.number}`,
    importedModelName: `support-summarizer-v${overrides.number}`,
    jobArn: `arn:aws:bedrock:${region}:123456789012:model-import-job/jobjobjob00${overrides.number}`,
    jobName: `support-summarizer-v${overrides.number}-job`,
    s3Uri: `s3://demo-model-artifacts/support-summarizer/v${overrides.number}/`,
    architecture: 'llama',
    instructSupported: true,
    cmusPerCopy: 2,
    managed: true,
    createdBy: 'user:default/guest',
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

/** A pointer of support-summarizer naming a version. */
export function aPointer(
  alias: string,
  region: string,
  version: number,
  modelName = 'support-summarizer',
): AliasPointer {
  return {
    modelName,
    alias,
    region,
    accountId: '123456789012',
    version,
    revision: 1,
    updatedBy: 'user:default/guest',
    updatedAt: AT,
    parameterName: `/bedrock-models/${modelName}/${alias}`,
  };
}

import {
  BEDROCK_MODELS_ANNOTATION_PREFIX,
  BEDROCK_MODEL_NAME_ANNOTATION,
  BEDROCK_MODEL_VERSION_ANNOTATION,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

const prefixed = (name: string) =>
  `${BEDROCK_MODELS_ANNOTATION_PREFIX}/${name}`;

/** Annotation and label keys the provider writes on model and version entities. */
export const ModelEntityKeys = {
  /** The registry model (on model and version entities; the frontend finds the model by it). */
  model: BEDROCK_MODEL_NAME_ANNOTATION,
  /** The version number, on version entities. */
  version: BEDROCK_MODEL_VERSION_ANNOTATION,
  /** Data classification of the model's training data. */
  classification: prefixed('classification'),
  /** Base model the fine-tune started from (lineage). */
  baseModel: prefixed('base-model'),
  /** Where the training data came from (lineage). */
  trainingData: prefixed('training-data'),
  /** Version status: importing, ready, failed, retired or deleted (annotation and label). */
  status: prefixed('status'),
  /** 'true' when the portal imported it, 'false' when discovered in AWS (label). */
  managed: prefixed('managed'),
  account: prefixed('account'),
  region: prefixed('region'),
  /** The imported model's ARN, kept after retirement for the record. */
  arn: prefixed('arn'),
  importedModelName: prefixed('imported-model-name'),
  jobArn: prefixed('job-arn'),
  failureMessage: prefixed('failure-message'),
  /** Comma-separated aliases whose pointer (in the version's Region) names the version. */
  pointers: prefixed('pointers'),
  /** ARN and Region under the keys other AWS plugins read; only while the model exists in AWS. */
  awsArn: 'aws.amazon.com/arn',
  awsRegion: 'aws.amazon.com/region',
} as const;

/** Model annotation holding the version an alias names in a Region, e.g. `bedrock-models.io/production.us-east-1`. */
export function pointerAnnotation(alias: string, region: string): string {
  return prefixed(`${alias}.${region}`);
}

/** Tag of versions (and models whose versions all are) found in AWS but not imported by the portal. */
export const UNMANAGED_TAG = 'unmanaged';

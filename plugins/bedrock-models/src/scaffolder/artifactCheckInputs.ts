import { parseEntityRef } from '@backstage/catalog-model';

/**
 * Where in the form the check finds what it checks: field names, defaulting to the import template's.
 *
 * @public
 */
export type ArtifactCheckFieldNames = {
  s3Uri?: string;
  accountId?: string;
  region?: string;
  classification?: string;
  /** `new` or `existing`. */
  modelKind?: string;
  /** A new model's name. */
  modelName?: string;
  /** The existing model (a name, or an entity ref as EntityPicker gives it). */
  existingModel?: string;
  /** A new model's owner. */
  owner?: string;
};

const DEFAULT_FIELDS: Required<ArtifactCheckFieldNames> = {
  s3Uri: 's3Uri',
  accountId: 'accountId',
  region: 'region',
  classification: 'classification',
  modelKind: 'modelKind',
  modelName: 'modelName',
  existingModel: 'existingModel',
  owner: 'owner',
};

/** What one check asks about, read from the form. */
export type ArtifactCheckInputs = {
  s3Uri: string;
  accountId: string;
  region: string;
  classification: string;
  /** The model the version joins or creates, when the form names one. */
  modelName?: string;
  /** True: the form asks for a new model; false: an existing one. */
  newModel: boolean;
  /** A new model's owner. */
  owner?: string;
};

/** The form's inputs for a check, or which of the needed ones are still empty. */
export type ArtifactCheckForm =
  | { inputs: ArtifactCheckInputs; key: string }
  | { missing: string[] };

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** A model name from a name or an entity ref (`resource:default/support-summarizer`). */
export function modelNameOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return parseEntityRef(value, {
      defaultKind: 'resource',
      defaultNamespace: 'default',
    }).name;
  } catch {
    return value;
  }
}

/**
 * Reads what a check needs from the whole form's data (every step's fields). The key changes exactly
 * when one of those values does, so a check is repeated when, and only when, an input changed.
 */
export function artifactCheckForm(
  formData: Record<string, unknown>,
  names: ArtifactCheckFieldNames = {},
): ArtifactCheckForm {
  const field = { ...DEFAULT_FIELDS, ...names };
  const s3Uri = text(formData[field.s3Uri]);
  const accountId = text(formData[field.accountId]);
  const region = text(formData[field.region]);
  const classification = text(formData[field.classification]);
  const missing = [
    !s3Uri && 'the S3 folder',
    !accountId && 'the AWS account',
    !region && 'the Region',
    !classification && 'the data classification',
  ].filter((m): m is string => Boolean(m));
  if (!s3Uri || !accountId || !region || !classification) return { missing };

  const newModel = formData[field.modelKind] !== 'existing';
  const inputs: ArtifactCheckInputs = {
    s3Uri,
    accountId,
    region,
    classification,
    newModel,
    modelName: newModel
      ? text(formData[field.modelName])
      : modelNameOf(text(formData[field.existingModel])),
    owner: newModel ? text(formData[field.owner]) : undefined,
  };
  return { inputs, key: JSON.stringify(inputs) };
}

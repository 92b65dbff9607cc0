import { ResponseError } from '@backstage/errors';
import {
  BedrockModelsApi,
  checkModelName,
  checkVersionClassification,
  DetectedArtifacts,
  Model,
  ValidationProblem,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { describeError } from '../api/describeError';
import { ArtifactCheckInputs } from './artifactCheckInputs';

/** What a check found: every problem (with what to fix), the warnings, and what the artifacts are. */
export type ArtifactCheckResult = {
  passed: boolean;
  errors: ValidationProblem[];
  warnings: ValidationProblem[];
  /** What the backend read from the artifacts; absent when it refused the request itself. */
  detected?: DetectedArtifacts;
  /** The model the version would join, when it exists. */
  existingModel?: Model;
};

/**
 * Checks an import before Create, as the template's validate step will: the backend validates the
 * artifacts for the owner the version will have (the existing model's, or the new model's) and warns
 * when the architecture changes from production's; a refused request (an S3 URI Bedrock would refuse,
 * an unmanaged account) is one more problem, in the backend's words. Besides, what only the form knows:
 * a new model must not exist, an existing one must, and a version may not lower its model's
 * classification (`-common`'s rule). Throws only when the backend cannot be asked at all.
 */
export async function runArtifactCheck(
  api: BedrockModelsApi,
  inputs: ArtifactCheckInputs,
): Promise<ArtifactCheckResult> {
  const errors: ValidationProblem[] = [];
  const warnings: ValidationProblem[] = [];
  const { modelName, newModel } = inputs;
  const nameUsable =
    modelName !== undefined && checkModelName(modelName).length === 0;
  const model = nameUsable
    ? (await api.getModel({ modelName }))?.model
    : undefined;

  if (newModel && model) {
    errors.push({
      code: 'model-exists',
      message: `A model named ${model.name} already exists (owned by ${model.owner}): choose another name on the Model step, or add a version to the existing model.`,
    });
  } else if (!newModel && nameUsable && !model) {
    errors.push({
      code: 'model-missing',
      message: `There is no model named ${modelName} in the portal: choose an existing model on the Model step, or create a new one.`,
    });
  } else if (!newModel && !modelName) {
    errors.push({
      code: 'model-not-chosen',
      message: 'Choose the model on the Model step.',
    });
  } else if (newModel && !inputs.owner) {
    errors.push({
      code: 'owner-missing',
      message:
        'The new model needs an owner: choose the team or person on the Model step.',
    });
  }
  if (model && !newModel && model.classification !== inputs.classification) {
    const settings = await api.getSettings();
    const check = checkVersionClassification({
      modelName: model.name,
      model: model.classification,
      requested: inputs.classification,
      order: settings.classifications,
    });
    if (check.kind === 'lower') {
      errors.push({ code: 'classification-lower', message: check.message });
    }
    if (check.kind === 'raise') {
      warnings.push({ code: 'classification-raise', message: check.message });
    }
  }

  try {
    const report = await api.validateArtifacts({
      s3Uri: inputs.s3Uri,
      accountId: inputs.accountId,
      region: inputs.region,
      classification: inputs.classification,
      owner: model && !newModel ? model.owner : inputs.owner,
      modelName: model && !newModel ? model.name : undefined,
    });
    errors.push(...report.errors);
    warnings.push(...report.warnings);
    return {
      passed: errors.length === 0,
      errors,
      warnings,
      detected: report.detected,
      existingModel: newModel ? undefined : model,
    };
  } catch (error) {
    // A 400 refuses the request itself: one more problem, in the backend's words.
    if (error instanceof ResponseError && error.statusCode === 400) {
      errors.push({ code: 'request-refused', message: describeError(error) });
      return { passed: false, errors, warnings };
    }
    throw error;
  }
}

/** How long a finished check's answer is reused (the field's and the Next button's check share it). */
const REUSE_MS = 10_000;

type Entry = { at: number; answer: Promise<ArtifactCheckResult> };
const checksByApi = new WeakMap<BedrockModelsApi, Map<string, Entry>>();

/**
 * {@link runArtifactCheck}, shared: the field checks when the inputs change and the form checks again
 * when the user presses Next, so one answer (or one request in flight) serves both for a few seconds.
 * `fresh` asks again regardless (the user's "Check again"). A failed call is not kept.
 */
export function checkArtifacts(
  api: BedrockModelsApi,
  inputs: ArtifactCheckInputs,
  key: string,
  options: { fresh?: boolean } = {},
): Promise<ArtifactCheckResult> {
  let checks = checksByApi.get(api);
  if (!checks) {
    checks = new Map();
    checksByApi.set(api, checks);
  }
  const now = Date.now();
  const kept = checks.get(key);
  if (kept && !options.fresh && now - kept.at < REUSE_MS) return kept.answer;
  const answer = runArtifactCheck(api, inputs);
  const entry = { at: now, answer };
  checks.set(key, entry);
  answer.catch(() => {
    if (checks!.get(key) === entry) checks!.delete(key);
  });
  return answer;
}

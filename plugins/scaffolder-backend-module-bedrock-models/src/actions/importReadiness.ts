import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, ResponseError } from '@backstage/errors';
import {
  checkModelName,
  checkVersionClassification,
  DetectedArtifacts,
  Model,
  ValidateArtifactsRequest,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { BedrockModelsService } from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import { backendMessage, explainBackendError } from './backendErrors';

/** What an import would be given: the model and where its new version's weights are. */
export type ImportCandidate = ValidateArtifactsRequest & {
  modelName: string;
  /** Needed when the model is new. */
  owner?: string;
  /** True: the import must create the model; false: the model must exist; undefined: either. */
  newModel?: boolean;
};

/** Whether an import can go ahead, with every reason why not. */
export type ImportReadiness = {
  /** Each problem phrased as what to fix; empty when the import can go ahead. */
  problems: string[];
  warnings: string[];
  /** What the backend read from the artifacts (absent when it could not be asked). */
  detected?: DetectedArtifacts;
  /** The model the version would be added to; undefined when the import creates it. */
  existingModel?: Model;
};

/**
 * Checks an import before it is made: the model name, what the form asked for (a new model or an
 * existing one) against what the registry has, the classification against the model's (the rule of
 * `-common`, in the order the backend is configured with), and the backend's validation of the
 * artifacts for the owner the version would have. The backend's answers (artifact problems, a refused
 * request) are taken as they are, not checked again here. Collects every problem instead of stopping
 * at the first, so one run tells the user everything to fix.
 */
export async function checkImportReadiness(
  service: BedrockModelsService,
  candidate: ImportCandidate,
  credentials: BackstageCredentials,
): Promise<ImportReadiness> {
  const { modelName, owner, newModel } = candidate;
  // Only the fields validation takes: an import's other fields (title, lineage ...) are not for it.
  const { s3Uri, accountId, region, classification } = candidate;
  const artifacts = { s3Uri, accountId, region, classification };
  const problems = checkModelName(modelName);
  const warnings: string[] = [];

  let existingModel: Model | undefined;
  if (problems.length === 0) {
    try {
      existingModel = (await service.getModel({ modelName }, { credentials }))
        ?.model;
    } catch (error) {
      throw explainBackendError(error, `Looking up model ${modelName}`);
    }
  }
  if (existingModel && newModel === true) {
    problems.push(
      `A model named ${modelName} already exists (owned by ${existingModel.owner}): choose another name, or add a version to the existing model.`,
    );
  } else if (existingModel) {
    const check = await classificationCheck(
      service,
      existingModel,
      classification,
      credentials,
    );
    // Raising a model's classification is for admins, whom the backend knows: the import step says.
    if (check.kind === 'lower') problems.push(check.message);
    if (check.kind === 'raise') warnings.push(check.message);
  } else if (problems.length === 0 && newModel === false) {
    problems.push(
      `There is no model named ${modelName} in the portal: choose an existing model, or create a new one.`,
    );
  } else if (!owner) {
    problems.push(
      `Model ${modelName} is new: choose the team or person who owns it.`,
    );
  }

  try {
    // Which sources are allowed depends on the owner the version will have.
    const report = await service.validateArtifacts(
      {
        ...artifacts,
        owner: existingModel?.owner ?? owner,
        // An existing model: the backend also warns when the architecture changes from production's.
        modelName: existingModel ? modelName : undefined,
      },
      { credentials },
    );
    problems.push(...report.errors.map(e => `[${e.code}] ${e.message}`));
    warnings.push(...report.warnings.map(w => `[${w.code}] ${w.message}`));
    return { problems, warnings, detected: report.detected, existingModel };
  } catch (error) {
    // A 400 refuses the request itself (an unknown account, Region or classification, an S3 URI
    // Bedrock would refuse): one more problem, in the backend's words.
    if (error instanceof ResponseError && error.statusCode === 400) {
      problems.push(backendMessage(error));
      return { problems, warnings, existingModel };
    }
    throw explainBackendError(
      error,
      `Validating the artifacts at ${artifacts.s3Uri}`,
    );
  }
}

/** The classification rule of `-common` for a new version of an existing model. */
async function classificationCheck(
  service: BedrockModelsService,
  model: Model,
  requested: string,
  credentials: BackstageCredentials,
) {
  if (model.classification === requested) return { kind: 'same' as const };
  const settings = await service.getSettings({ credentials }).catch(error => {
    throw explainBackendError(error, 'Reading the portal settings');
  });
  return checkVersionClassification({
    modelName: model.name,
    model: model.classification,
    requested,
    order: settings.classifications,
  });
}

/** The step failure for an import that is not ready: every problem, numbered, then the warnings. */
export function notReadyError(
  candidate: ImportCandidate,
  readiness: ImportReadiness,
): InputError {
  const lines = [
    `${candidate.modelName} cannot be imported from ${candidate.s3Uri} into ${candidate.region} (account ${candidate.accountId}); fix these ${readiness.problems.length} problem(s):`,
    ...readiness.problems.map((p, i) => `  ${i + 1}. ${p}`),
  ];
  if (readiness.warnings.length > 0) {
    // The task page renders the message as Markdown: without the blank line, "Warnings:" and the
    // warnings would continue the last numbered problem.
    lines.push(
      '',
      'Warnings:',
      ...readiness.warnings.map(warning => `  - ${warning}`),
    );
  }
  return new InputError(lines.join('\n'));
}

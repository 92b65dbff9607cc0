import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, ResponseError } from '@backstage/errors';
import {
  checkModelName,
  DetectedArtifacts,
  Model,
  parseS3Uri,
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
 * Checks an import before it is made: the model name, what the registry knows of the model
 * (classification, owner), and the backend's validation of the artifacts. Collects every problem
 * instead of stopping at the first, so one run tells the user everything to fix.
 */
export async function checkImportReadiness(
  service: BedrockModelsService,
  candidate: ImportCandidate,
  credentials: BackstageCredentials,
): Promise<ImportReadiness> {
  const { modelName, owner, newModel, ...artifacts } = candidate;
  const problems = checkModelName(modelName);
  const warnings: string[] = [];

  let existingModel: Model | undefined;
  if (problems.length === 0) {
    try {
      existingModel = (await service.getModel(modelName, { credentials }))
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
    if (existingModel.classification !== artifacts.classification) {
      problems.push(
        `Model ${modelName} is classified ${existingModel.classification}: choose that classification for its new version (not ${artifacts.classification}).`,
      );
    }
  } else if (problems.length === 0 && newModel === false) {
    problems.push(
      `There is no model named ${modelName} in the portal: choose an existing model, or create a new one.`,
    );
  } else if (!owner) {
    problems.push(
      `Model ${modelName} is new: choose the team or person who owns it.`,
    );
  }

  const location = parseS3Uri(artifacts.s3Uri);
  if ('problem' in location) {
    // The backend would refuse the URI outright; say so and skip the artifact checks.
    problems.push(location.problem);
    return { problems, warnings, existingModel };
  }

  try {
    const report = await service.validateArtifacts(artifacts, { credentials });
    problems.push(...report.errors.map(e => `[${e.code}] ${e.message}`));
    warnings.push(...report.warnings.map(w => `[${w.code}] ${w.message}`));
    return { problems, warnings, detected: report.detected, existingModel };
  } catch (error) {
    // A 400 refuses the request itself (unknown account, Region or classification): one more problem.
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

import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  checkRetirement,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { BedrockImportApi } from '../aws/BedrockImportApi';
import { ModelStore } from '../database/ModelStore';
import { ErrorReporter } from './ErrorReporter';
import { RegistryChanges } from './RegistryChanges';

/**
 * Retires versions: marks the version retired (recording who and why) in a transaction that checks no
 * pointer names it (so no promote can race it), deletes its imported model in Bedrock, and puts the
 * version back (and forgets the record) if AWS refuses.
 */
export class RetirementService {
  constructor(
    private readonly deps: {
      models: ModelStore;
      bedrock: BedrockImportApi;
      changes: RegistryChanges;
      errors: ErrorReporter;
    },
  ) {}

  /** Retires a version; who and why are kept with the retirement (the audit trail shows them). */
  async retire(
    modelName: string,
    number: number,
    by: { actor: string; reason: string },
  ): Promise<ModelVersion> {
    const { models } = this.deps;
    const outcome = await models.beginRetirement<Error>(
      modelName,
      number,
      by,
      (version, pointersNamingIt) => {
        const check = checkRetirement({ version, pointersNamingIt });
        if (check.kind === 'conflict') return new ConflictError(check.message);
        if (check.kind === 'invalid')
          return new InputError(check.problems.join(' '));
        return undefined;
      },
    );
    if (outcome.kind === 'missing') {
      throw new NotFoundError(`Model ${modelName} has no version ${number}.`);
    }
    if (outcome.kind === 'changed') {
      throw new ConflictError(
        `Version ${number} of ${modelName} changed while it was being retired; reload and try again.`,
      );
    }
    if (outcome.kind === 'refused') throw outcome.refusal;

    const { before } = outcome;
    try {
      // Already gone from AWS (retired twice, or deleted by hand) counts as retired.
      await this.deps.bedrock.deleteImportedModel(
        { accountId: before.accountId, region: before.region },
        before.importedModelArn!,
      );
    } catch (error) {
      // AWS did not delete it: the version is still there, so put its status back and say so.
      await models.restoreRetiredVersion(modelName, number, before.status);
      throw new ServiceUnavailableError(
        `Bedrock did not delete ${
          before.importedModelArn
        } (${this.deps.errors.summarize(
          error,
          `DeleteImportedModel of ${modelName} v${number}`,
        )}). The version is unchanged; try again, or ask the portal admins to check the portal role's bedrock:DeleteImportedModel permission.`,
      );
    }
    this.deps.changes.announce({
      kind: 'version-retired',
      modelName,
      version: number,
    });
    return (await models.getVersion(modelName, number))!;
  }
}

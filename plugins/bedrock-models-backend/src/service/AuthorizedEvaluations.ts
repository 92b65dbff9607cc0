import { AuditorService } from '@backstage/backend-plugin-api';
import {
  bedrockModelPromotePermission,
  bedrockModelReadPermission,
  EvaluationPrompt,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { auditedChange } from './auditedChange';
import { RegistryAccess } from './RegistryAccess';
import { RegistryCallOptions, RegistryService } from './RegistryService';

/**
 * Who may read and run evaluations: readers of a model read its suite and runs; its owners (those who
 * may move its pointers) edit the suite and run it, audited.
 */
export class AuthorizedEvaluations {
  constructor(
    private readonly inner: RegistryService,
    private readonly access: RegistryAccess,
    private readonly deps: { auditor: AuditorService },
  ) {}

  async getSuite(modelName: string, options: RegistryCallOptions) {
    await this.access.requireExistingModel(
      modelName,
      bedrockModelReadPermission,
      options,
    );
    return this.inner.getEvaluationSuite(modelName, options);
  }

  async putSuite(
    modelName: string,
    prompts: EvaluationPrompt[],
    options: RegistryCallOptions,
  ) {
    return auditedChange(
      this.deps.auditor,
      {
        eventId: 'evaluation-suite-update',
        severityLevel: 'medium',
        meta: { model: modelName, prompts: prompts.length },
      },
      options,
      async () => {
        this.access.requireUser(
          options.credentials,
          'Evaluation suites are edited',
        );
        await this.access.requireExistingModel(
          modelName,
          bedrockModelPromotePermission,
          options,
        );
        const result = await this.inner.putEvaluationSuite(
          modelName,
          prompts,
          options,
        );
        return { result, meta: { prompts: result.prompts.length } };
      },
    );
  }

  async start(
    input: Parameters<RegistryService['startEvaluation']>[0],
    options: RegistryCallOptions,
  ) {
    return auditedChange(
      this.deps.auditor,
      {
        eventId: 'evaluation-start',
        severityLevel: 'low',
        meta: {
          model: input.modelName,
          version: input.version,
          region: input.region,
          compareWithAlias: input.compareWithAlias ?? null,
        },
      },
      options,
      async () => {
        this.access.requireUser(options.credentials, 'Evaluations are run');
        await this.access.requireExistingModel(
          input.modelName,
          bedrockModelPromotePermission,
          options,
        );
        const result = await this.inner.startEvaluation(input, options);
        return {
          result,
          meta: {
            run: result.run.id,
            comparison: result.comparison?.id ?? null,
          },
        };
      },
    );
  }

  async listRuns(
    modelName: string,
    version: number | undefined,
    options: RegistryCallOptions,
  ) {
    await this.access.requireExistingModel(
      modelName,
      bedrockModelReadPermission,
      options,
    );
    return this.inner.listEvaluationRuns(modelName, version, options);
  }

  async getRun(modelName: string, runId: string, options: RegistryCallOptions) {
    await this.access.requireExistingModel(
      modelName,
      bedrockModelReadPermission,
      options,
    );
    return this.inner.getEvaluationRun(modelName, runId, options);
  }
}

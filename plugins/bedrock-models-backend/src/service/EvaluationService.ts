import { randomUUID } from 'node:crypto';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  checkPromptChecks,
  EvaluationGateView,
  EvaluationPrompt,
  EvaluationRun,
  EvaluationStartResponse,
  EvaluationSuite,
  evaluationVerdict,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { RegistryConfig } from '../config/readRegistryConfig';
import { EvaluationStore } from '../database/EvaluationStore';
import { ModelStore } from '../database/ModelStore';
import { PointerStore } from '../database/PointerStore';

/**
 * Evaluation suites and runs: the evidence a promote can ask for. Runs are queued here and carried out
 * by the evaluation runner (a scheduled task), since a run can wait minutes on cold starts.
 */
export class EvaluationService {
  constructor(
    private readonly deps: {
      evaluations: EvaluationStore;
      models: ModelStore;
      pointers: PointerStore;
      config: RegistryConfig;
      /** Asks the runner to look for queued runs now. */
      runQueued: () => void;
    },
  ) {}

  async getSuite(modelName: string): Promise<EvaluationSuite> {
    return (
      (await this.deps.evaluations.getSuite(modelName)) ?? {
        modelName,
        prompts: [],
      }
    );
  }

  async putSuite(
    modelName: string,
    prompts: EvaluationPrompt[],
    actor: string,
  ): Promise<EvaluationSuite> {
    const problems: string[] = [];
    const ids = new Set<string>();
    prompts.forEach((prompt, i) => {
      if (ids.has(prompt.id)) {
        problems.push(
          `prompts[${i}].id: "${prompt.id}" is used twice; give each prompt its own id.`,
        );
      }
      ids.add(prompt.id);
      for (const problem of checkPromptChecks(prompt.checks)) {
        problems.push(`prompts[${i}].checks: ${problem}`);
      }
    });
    if (problems.length > 0) {
      throw new InputError(`Invalid evaluation suite: ${problems.join(' ')}`);
    }
    return this.deps.evaluations.putSuite(modelName, prompts, actor);
  }

  /**
   * Queues a run of the suite on a ready version and, with `compareWithAlias`, one on the version that
   * alias names in the Region, so the two can be read side by side.
   */
  async start(input: {
    modelName: string;
    version: number;
    region: string;
    compareWithAlias?: string;
    actor: string;
  }): Promise<EvaluationStartResponse> {
    const { modelName, version, region } = input;
    const candidate = await this.deps.models.getVersion(modelName, version);
    if (!candidate) {
      throw new NotFoundError(`Model ${modelName} has no version ${version}.`);
    }
    if (candidate.region !== region) {
      throw new InputError(
        `Version ${version} was imported into ${candidate.region}, so it runs only there; evaluate it in ${candidate.region}.`,
      );
    }
    if (candidate.status !== 'ready' || !candidate.importedModelArn) {
      throw new ConflictError(
        `Version ${version} is ${candidate.status}, not ready: only a ready version can be evaluated.`,
      );
    }
    const suite = await this.getSuite(modelName);
    if (suite.prompts.length === 0) {
      throw new ConflictError(
        `Model ${modelName} has no evaluation prompts yet: add some to its suite first.`,
      );
    }
    const runs = [
      {
        id: randomUUID(),
        modelName,
        version,
        accountId: candidate.accountId,
        region,
        startedBy: input.actor,
      },
    ];
    if (input.compareWithAlias) {
      const pointer = await this.deps.pointers.getPointer({
        modelName,
        alias: input.compareWithAlias,
        region,
      });
      if (pointer && pointer.version !== version) {
        const current = await this.deps.models.getVersion(
          modelName,
          pointer.version,
        );
        if (current?.status === 'ready') {
          runs.push({
            id: randomUUID(),
            modelName,
            version: pointer.version,
            accountId: current.accountId,
            region,
            startedBy: input.actor,
          });
        }
      }
    }
    const [run, comparison] = await this.deps.evaluations.queueRuns(
      runs.map((r, i) =>
        i === 0 && runs[1] ? { ...r, comparedRunId: runs[1].id } : r,
      ),
    );
    this.deps.runQueued();
    return { run, ...(comparison ? { comparison } : {}) };
  }

  async listRuns(
    modelName: string,
    version?: number,
  ): Promise<EvaluationRun[]> {
    return this.deps.evaluations.listRuns(modelName, version, 50);
  }

  async getRun(modelName: string, runId: string): Promise<EvaluationRun> {
    const run = await this.deps.evaluations.getRun(modelName, runId);
    if (!run) {
      throw new NotFoundError(
        `Model ${modelName} has no evaluation run ${runId}.`,
      );
    }
    return run;
  }

  /**
   * What the alias's gate says about promoting `version`: its latest finished run in the Region, next
   * to the latest of the version the alias names now.
   */
  async gateView(input: {
    modelName: string;
    alias: string;
    region: string;
    version: number;
    current: number | null;
  }): Promise<EvaluationGateView | undefined> {
    const gate = this.deps.config.evaluationGates.find(
      g => g.alias === input.alias,
    );
    if (!gate) return undefined;
    const [candidate, current] = await Promise.all([
      this.deps.evaluations.latestFinished(
        input.modelName,
        input.version,
        input.region,
      ),
      input.current === null
        ? undefined
        : this.deps.evaluations.latestFinished(
            input.modelName,
            input.current,
            input.region,
          ),
    ]);
    const verdict = evaluationVerdict({
      gate,
      version: input.version,
      alias: input.alias,
      latest:
        candidate && candidate.finishedAt
          ? {
              passRate: candidate.passRate ?? 0,
              finishedAt: candidate.finishedAt,
              status: candidate.status,
            }
          : undefined,
    });
    return {
      mode: gate.mode,
      minPassRate: gate.minPassRate,
      verdict: verdict.kind,
      ...(verdict.kind !== 'pass' ? { message: verdict.message } : {}),
      ...(candidate ? { candidate } : {}),
      ...(current ? { current } : {}),
    };
  }
}

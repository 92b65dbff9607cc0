import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AliasPointer,
  BedrockModelsHealth,
  checkPointerMove,
  ImportVersionRequest,
  ImportVersionResponse,
  Model,
  ModelDetails,
  ModelSearchResult,
  ModelVersion,
  PointerMove,
  RegistryInventory,
  ValidateArtifactsRequest,
  ValidationReport,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  BedrockModelsRequestOptions,
  BedrockModelsService,
  MovePointerRequest,
  MovePointerResponse,
} from '@bedrock-portal/backstage-plugin-bedrock-models-node';

/** The account the fake backend manages. */
export const FAKE_ACCOUNT = '123456789012';

/** What the fake backend's validation says about artifacts it was not told about: a good Llama 3.1 8B. */
export const GOOD_REPORT: ValidationReport = {
  valid: true,
  errors: [],
  warnings: [],
  detected: {
    architecture: 'LlamaForCausalLM',
    family: 'llama',
    weightBytes: 16_060_000_000,
    fileCount: 8,
    contextLength: 131072,
    precision: 'bfloat16',
    parameterCount: 8_030_000_000,
    cmuEstimate: 2,
    converseSupported: true,
  },
};

/** A ResponseError as the real client throws it: the backend's status and error body. */
export async function backendError(
  status: number,
  message: string,
): Promise<ResponseError> {
  const names: Record<number, [string, string]> = {
    400: ['InputError', 'Bad Request'],
    403: ['NotAllowedError', 'Forbidden'],
    404: ['NotFoundError', 'Not Found'],
    409: ['ConflictError', 'Conflict'],
    500: ['Error', 'Internal Server Error'],
    503: ['ServiceUnavailableError', 'Service Unavailable'],
  };
  const [name, statusText] = names[status] ?? ['Error', 'Error'];
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/api/bedrock-models' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText,
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

/**
 * An in-memory stand-in for the bedrock-models backend, keeping the rules the template actions rely
 * on: one version per Idempotency-Key (per user), 400s listing every problem, 403s with a reason,
 * pointer moves checked by the same pure rule, and imports that finish after a number of status reads.
 */
export class FakeBedrockModelsService implements BedrockModelsService {
  readonly models = new Map<string, Model>();
  readonly versions: ModelVersion[] = [];
  readonly pointers: AliasPointer[] = [];
  readonly history: PointerMove[] = [];
  /** Every call, with whose credentials it was made. */
  readonly calls: Array<{ method: string; credentials: BackstageCredentials }> =
    [];
  /** Import jobs started in "AWS". */
  jobsStarted = 0;
  /** The Idempotency-Key of every import request. */
  readonly idempotencyKeys: string[] = [];
  /** Validation reports by S3 URI; others get {@link GOOD_REPORT}. */
  readonly reports = new Map<string, ValidationReport>();
  /** How imports end: after this many reads of the version, ready or failed with AWS's message. */
  importOutcome: {
    readsUntilDone: number;
    failureMessage?: string;
  } = { readsUntilDone: 3 };
  /** Errors the next reads of a version throw, in order (e.g. the backend restarting). */
  readonly versionReadFailures: Error[] = [];
  /** When set, moving pointers is refused with this reason (403). */
  promoteRefusal?: string;

  private readonly importKeys = new Map<string, [string, number]>();
  private readonly reads = new Map<string, number>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Adds a model with ready versions, as if imported earlier. */
  seedModel(
    model: Pick<Model, 'name' | 'owner' | 'classification'>,
    readyVersions: Array<{ region: string }> = [],
  ) {
    const at = new Date(this.now()).toISOString();
    this.models.set(model.name, {
      ...model,
      lineage: {},
      tags: [],
      createdBy: 'user:default/seed',
      createdAt: at,
      updatedAt: at,
    });
    readyVersions.forEach(({ region }, i) =>
      this.versions.push({
        modelName: model.name,
        number: i + 1,
        region,
        accountId: FAKE_ACCOUNT,
        status: 'ready',
        importedModelArn: `arn:aws:bedrock:${region}:${FAKE_ACCOUNT}:imported-model/seed${
          i + 1
        }`,
        s3Uri: `s3://seed/${model.name}/v${i + 1}/`,
        managed: true,
        createdBy: 'user:default/seed',
        createdAt: at,
        updatedAt: at,
      }),
    );
  }

  async getHealth(options: BedrockModelsRequestOptions) {
    this.record('getHealth', options);
    const health: BedrockModelsHealth = {
      status: 'ok',
      database: { client: 'fake', migrationsApplied: 0 },
    };
    return health;
  }

  async getInventory(
    options: BedrockModelsRequestOptions,
  ): Promise<RegistryInventory> {
    this.record('getInventory', options);
    return {
      models: [...this.models.values()],
      versions: [...this.versions],
      pointers: [...this.pointers],
    };
  }

  async searchModels(
    _query: Record<string, string | number | undefined>,
    options: BedrockModelsRequestOptions,
  ): Promise<ModelSearchResult> {
    this.record('searchModels', options);
    const items = [...this.models.values()].map(model => ({
      ...model,
      versionCount: this.versionsOf(model.name).length,
      regions: [...new Set(this.versionsOf(model.name).map(v => v.region))],
      pointers: this.pointers
        .filter(p => p.modelName === model.name)
        .map(({ alias, region, version }) => ({ alias, region, version })),
    }));
    return { items, totalCount: items.length };
  }

  async getModel(
    modelName: string,
    options: BedrockModelsRequestOptions,
  ): Promise<ModelDetails | undefined> {
    this.record('getModel', options);
    const model = this.models.get(modelName);
    if (!model) return undefined;
    return {
      model,
      versions: this.versionsOf(modelName),
      pointers: this.pointers.filter(p => p.modelName === modelName),
      publishStates: [],
      recentHistory: this.history
        .filter(m => m.modelName === modelName)
        .reverse(),
      sync: [],
    };
  }

  async getVersion(
    modelName: string,
    number: number,
    options: BedrockModelsRequestOptions,
  ): Promise<ModelVersion | undefined> {
    this.record('getVersion', options);
    const failure = this.versionReadFailures.shift();
    if (failure) throw failure;
    const version = this.versionsOf(modelName).find(v => v.number === number);
    if (!version) return undefined;
    const key = `${modelName}/${number}`;
    const reads = (this.reads.get(key) ?? 0) + 1;
    this.reads.set(key, reads);
    if (
      version.status === 'importing' &&
      reads >= this.importOutcome.readsUntilDone
    ) {
      const { failureMessage } = this.importOutcome;
      version.status = failureMessage ? 'failed' : 'ready';
      version.failureMessage = failureMessage;
      if (!failureMessage) {
        version.importedModelArn = `arn:aws:bedrock:${version.region}:${FAKE_ACCOUNT}:imported-model/${modelName}v${number}`;
        version.cmusPerCopy = 2;
      }
    }
    return { ...version };
  }

  async validateArtifacts(
    request: ValidateArtifactsRequest,
    options: BedrockModelsRequestOptions,
  ): Promise<ValidationReport> {
    this.record('validateArtifacts', options);
    if (request.accountId !== FAKE_ACCOUNT) {
      throw await backendError(
        400,
        `Invalid body: accountId: must be a managed account (${FAKE_ACCOUNT})`,
      );
    }
    return this.reports.get(request.s3Uri) ?? GOOD_REPORT;
  }

  async importVersion(
    modelName: string,
    request: ImportVersionRequest,
    options: BedrockModelsRequestOptions & { idempotencyKey: string },
  ): Promise<ImportVersionResponse> {
    this.record('importVersion', options);
    this.idempotencyKeys.push(options.idempotencyKey);
    const actor = await this.userOf(options.credentials, 'Imports');
    const key = `${actor}\n${modelName}\n${options.idempotencyKey}`;
    const earlier = this.importKeys.get(key);
    if (earlier) {
      const version = this.versionsOf(earlier[0]).find(
        v => v.number === earlier[1],
      )!;
      return { version: { ...version }, created: false };
    }
    const model = this.models.get(modelName);
    if (model && model.classification !== request.classification) {
      throw await backendError(
        400,
        `Model ${modelName} is classified ${model.classification}; import its versions with that classification (you sent ${request.classification}).`,
      );
    }
    if (!model && !request.owner) {
      throw await backendError(
        400,
        `Model ${modelName} is new: give its owner (a catalog Group or User, e.g. group:default/support-ml).`,
      );
    }
    const report = await this.validateArtifacts(request, options);
    if (!report.valid) {
      throw await backendError(
        400,
        `The artifacts at ${request.s3Uri} cannot be imported: ${report.errors
          .map((e, i) => `(${i + 1}) ${e.message}`)
          .join(' ')}`,
      );
    }
    const at = new Date(this.now()).toISOString();
    if (!model) {
      this.models.set(modelName, {
        name: modelName,
        owner: request.owner!,
        title: request.title,
        description: request.description,
        classification: request.classification,
        lineage: request.lineage ?? {},
        tags: request.tags ?? [],
        createdBy: actor,
        createdAt: at,
        updatedAt: at,
      });
    }
    const number = this.versionsOf(modelName).length + 1;
    const version: ModelVersion = {
      modelName,
      number,
      region: request.region,
      accountId: request.accountId,
      status: 'importing',
      jobArn: `arn:aws:bedrock:${request.region}:${FAKE_ACCOUNT}:model-import-job/job${this.jobsStarted}`,
      s3Uri: request.s3Uri,
      managed: true,
      createdBy: actor,
      createdAt: at,
      updatedAt: at,
    };
    this.versions.push(version);
    this.jobsStarted++;
    this.importKeys.set(key, [modelName, number]);
    return { version: { ...version }, created: true };
  }

  async promote(
    request: MovePointerRequest & { version: number },
    options: BedrockModelsRequestOptions,
  ): Promise<MovePointerResponse> {
    this.record('promote', options);
    const actor = await this.userOf(options.credentials, 'Pointers');
    if (this.promoteRefusal) {
      throw await backendError(403, this.promoteRefusal);
    }
    return this.move(request, request.version, actor, 'promote');
  }

  async rollback(
    request: MovePointerRequest,
    options: BedrockModelsRequestOptions,
  ): Promise<MovePointerResponse> {
    this.record('rollback', options);
    const actor = await this.userOf(options.credentials, 'Pointers');
    const previous = this.history
      .filter(
        m => m.modelName === request.modelName && m.alias === request.alias,
      )
      .pop()?.fromVersion;
    if (previous === undefined || previous === null) {
      throw await backendError(
        400,
        'There is no earlier version to go back to.',
      );
    }
    return this.move(request, previous, actor, 'rollback');
  }

  private async move(
    request: MovePointerRequest,
    toVersion: number,
    actor: string,
    kind: 'promote' | 'rollback',
  ): Promise<MovePointerResponse> {
    const { modelName, alias, region, reason } = request;
    if (!this.models.has(modelName)) {
      throw await backendError(404, `No model named ${modelName}.`);
    }
    const version = this.versionsOf(modelName).find(
      v => v.number === toVersion,
    );
    if (!version) {
      throw await backendError(
        400,
        `Model ${modelName} has no version ${toVersion}.`,
      );
    }
    const pointer = this.pointers.find(
      p =>
        p.modelName === modelName && p.alias === alias && p.region === region,
    );
    const current = pointer?.version ?? null;
    const check = checkPointerMove({
      version,
      pointerRegion: region,
      alias,
      current,
      believedCurrent: request.expectedCurrentVersion,
      reason,
    });
    if (check.kind === 'conflict') throw await backendError(409, check.message);
    if (check.kind === 'invalid') {
      throw await backendError(400, check.problems.join(' '));
    }
    const at = new Date(this.now()).toISOString();
    const moved: AliasPointer = {
      modelName,
      alias,
      region,
      accountId: pointer?.accountId ?? '123456789012',
      version: toVersion,
      revision: (pointer?.revision ?? 0) + 1,
      updatedBy: actor,
      updatedAt: at,
      parameterName: `/bedrock-models/${modelName}/${alias}`,
    };
    if (pointer) Object.assign(pointer, moved);
    else this.pointers.push(moved);
    const move: PointerMove = {
      id: this.history.length + 1,
      modelName,
      alias,
      region,
      seq: moved.revision,
      kind,
      fromVersion: current,
      toVersion,
      actor,
      at,
      reason,
    };
    this.history.push(move);
    return { move, pointer: { ...moved } };
  }

  private versionsOf(modelName: string) {
    return this.versions.filter(v => v.modelName === modelName);
  }

  private record(method: string, options: BedrockModelsRequestOptions) {
    this.calls.push({ method, credentials: options.credentials });
  }

  /** The backend answers for people: calls on behalf of no user are refused, as the real one does. */
  private async userOf(
    credentials: BackstageCredentials,
    what: string,
  ): Promise<string> {
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    if (principal.type !== 'user' || !principal.userEntityRef) {
      throw await backendError(
        403,
        `${what} are made on behalf of a user: call with a user token (or on behalf of one), not service credentials alone.`,
      );
    }
    return principal.userEntityRef;
  }
}

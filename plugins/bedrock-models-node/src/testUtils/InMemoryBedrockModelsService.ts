import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AliasPointer,
  ArtifactListing,
  ArtifactSourceRule,
  checkArtifactSource,
  checkModelName,
  checkNewModelOwner,
  checkPointerMove,
  checkRetirement,
  checkStaleness,
  checkVersionClassification,
  EvaluationPrompt,
  EvaluationResult,
  EvaluationRun,
  EvaluationStartResponse,
  EvaluationSuite,
  GovernanceReport,
  GovernanceReportFilters,
  GovernanceReportQuery,
  GovernanceReportRow,
  governanceReportCsv,
  IMPORT_QUOTA_CODES,
  ImportVersionCall,
  ImportVersionResponse,
  InventoryQuery,
  matchesReportFilters,
  Model,
  ModelCostReport,
  ModelDetails,
  ModelSearchResult,
  ModelVersion,
  MoveCheck,
  notOwnerRefusal,
  parseS3Uri,
  PointerHistory,
  PointerLocator,
  PointerMove,
  PointerMoveResponse,
  PortalSettings,
  PromoteVersionCall,
  QuotaReport,
  RegistryInventory,
  ReportFacets,
  RetireVersionCall,
  RollbackPointerCall,
  rollbackTarget,
  SearchModelsQuery,
  serviceAloneRefusal,
  StartEvaluationCall,
  summarizeRun,
  ValidateArtifactsRequest,
  ProductionVersion,
  validateArtifacts as checkArtifacts,
  ValidationReport,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  BedrockModelsRequestOptions,
  BedrockModelsService,
} from '../BedrockModelsService';
import { bedrockModelsResponseError } from './bedrockModelsResponseError';
import {
  DEFAULT_MOCK_QUOTAS,
  DEFAULT_MOCK_SETTINGS,
  llamaArtifactListing,
} from './mockRegistryDefaults';

/**
 * What the in-memory bedrock-models backend starts with and how it behaves.
 *
 * @public
 */
export type BedrockModelsServiceMockOptions = {
  /** What `getSettings` answers, over the defaults (one account, 123456789012, in three Regions). */
  settings?: Partial<PortalSettings>;
  /** Models the registry has to begin with. */
  models?: Model[];
  /** Versions the registry has to begin with (of those models). */
  versions?: ModelVersion[];
  /**
   * Groups each user belongs to. A user may change a model (import versions, move its pointers, retire)
   * when its owner is the user or one of these groups, or when the user is one of `admins`.
   */
  memberships?: Record<string, string[]>;
  /** Users the permission policy treats as portal admins (`bedrock.model.administer`). */
  admins?: string[];
  /** What S3 holds, by artifact URI; any other URI holds a complete Llama 3.1 8B fine-tune. */
  artifacts?: Record<string, ArtifactListing>;
  /** Where each account's imports may come from (`bedrockModels.sources`); unset: anywhere. */
  sources?: ArtifactSourceRule[];
  /** Per classification, the Regions where it may be stored (`bedrockModels.dataResidency`). */
  dataResidency?: Record<string, string[]>;
  /** Custom Model Import quotas per account and Region; 100 models and 10 jobs when unset. */
  quotas?: { importedModels: number; concurrentImportJobs: number };
  /**
   * How imports end: once a version has been read this many times (`getVersion`), ready, or failed with
   * `failureMessage`. Defaults to ready on the third read.
   */
  imports?: { readsUntilDone?: number; failureMessage?: string };
  /**
   * Evaluation suites by model name, and how runs end: finished once a run has been read this many
   * times (`getEvaluationRun`; default 2), with this share of its prompts passing (default 1: all).
   */
  evaluations?: {
    suites?: Record<string, EvaluationPrompt[]>;
    passRate?: number;
    readsUntilDone?: number;
  };
  /** False: pointer moves answer `published: false`, as when SSM could not be written in the request. */
  publishesInRequest?: boolean;
  /** The clock (milliseconds since the epoch); tests with a virtual clock pass theirs. */
  now?: () => number;
};

/** Who created the versions discovery found (imported outside the portal), as the backend records it. */
const DISCOVERY_ACTOR = 'bedrock-models:discovery';

/** Pointer key: model, alias and Region. */
const keyOf = (p: { modelName: string; alias: string; region: string }) =>
  `${p.modelName}\n${p.alias}\n${p.region}`;

/**
 * An in-memory stand-in for the bedrock-models backend, for tests of plugins that call it. It applies
 * the backend's own pure rules from `-common` (pointer moves, staleness, rollback targets, retirement,
 * artifact validation and sources, classifications, new-model owners, report filters and CSV) and its
 * permission rules (owners and admins change a model; changes are made on behalf of a user), and
 * throws `ResponseError`s as the real client does.
 */
export class InMemoryBedrockModelsService implements BedrockModelsService {
  private readonly settings: PortalSettings;
  private readonly models = new Map<string, Model>();
  private readonly versions: ModelVersion[] = [];
  /** Every pointer move, in the order they were made. */
  private readonly moves: PointerMove[] = [];
  /** Import requests seen: caller, model and Idempotency-Key -> the version they made. */
  private readonly importKeys = new Map<string, ModelVersion>();
  private readonly versionReads = new Map<string, number>();
  /** Evaluation suites by model, runs by id, and how often each run has been read. */
  private readonly suites = new Map<string, EvaluationSuite>();
  private readonly runs = new Map<string, EvaluationRun>();
  private readonly runReads = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly options: BedrockModelsServiceMockOptions = {}) {
    this.settings = {
      ...DEFAULT_MOCK_SETTINGS,
      dataResidency: options.dataResidency ?? {},
      ...options.settings,
    };
    for (const model of options.models ?? []) {
      this.models.set(model.name, { ...model });
    }
    this.versions.push(...(options.versions ?? []).map(v => ({ ...v })));
    this.now = options.now ?? (() => Date.now());
    for (const [modelName, prompts] of Object.entries(
      options.evaluations?.suites ?? {},
    )) {
      this.suites.set(modelName, { modelName, prompts });
    }
  }

  async getHealth(_options: BedrockModelsRequestOptions) {
    return {
      status: 'ok' as const,
      database: { client: 'in-memory', migrationsApplied: 0 },
    };
  }

  async searchModels(
    query: SearchModelsQuery | undefined,
    _options: BedrockModelsRequestOptions,
  ): Promise<ModelSearchResult> {
    const q = query?.q?.toLowerCase();
    const matching = [...this.models.values()].filter(model => {
      const versions = this.versionsOf(model.name);
      return (
        (!q ||
          [model.name, model.title, model.owner].some(v =>
            v?.toLowerCase().includes(q),
          )) &&
        (!query?.owner || model.owner === query.owner) &&
        (!query?.classification ||
          model.classification === query.classification) &&
        (!query?.region || versions.some(v => v.region === query.region)) &&
        (!query?.account || versions.some(v => v.accountId === query.account))
      );
    });
    const sortKey = query?.sort === 'updatedAt' ? 'updatedAt' : 'name';
    matching.sort((a, b) => a[sortKey].localeCompare(b[sortKey]));
    if (query?.order === 'desc') matching.reverse();
    const offset = Number(query?.offset ?? 0);
    const limit = Number(query?.limit ?? 50);
    return {
      totalCount: matching.length,
      items: matching.slice(offset, offset + limit).map(model => ({
        ...model,
        versionCount: this.versionsOf(model.name).length,
        regions: [...new Set(this.versionsOf(model.name).map(v => v.region))],
        pointers: this.pointersOf(model.name).map(
          ({ alias, region, version }) => ({ alias, region, version }),
        ),
      })),
    };
  }

  async getSettings(_options: BedrockModelsRequestOptions) {
    return this.settings;
  }

  async validateArtifacts(
    request: ValidateArtifactsRequest,
    options: BedrockModelsRequestOptions,
  ): Promise<ValidationReport> {
    await this.checkArtifactFields(request);
    const owner = request.owner ?? userOf(options.credentials) ?? '';
    return this.validate(request, owner);
  }

  async getQuotas(
    request: { accountId: string; region: string },
    _options: BedrockModelsRequestOptions,
  ): Promise<QuotaReport> {
    const { importedModels, concurrentImportJobs } = this.quotasIn(
      request.accountId,
      request.region,
    );
    return {
      accountId: request.accountId,
      region: request.region,
      importedModels: {
        quotaCode: IMPORT_QUOTA_CODES.importedModels,
        name: 'Imported models per account',
        ...importedModels,
      },
      concurrentImportJobs: {
        quotaCode: IMPORT_QUOTA_CODES.concurrentImportJobs,
        name: 'Concurrent model import jobs',
        ...concurrentImportJobs,
      },
    };
  }

  async getGovernanceReport(
    query: GovernanceReportQuery | undefined,
    _options: BedrockModelsRequestOptions,
  ): Promise<GovernanceReport> {
    const {
      sort = 'model',
      order = 'asc',
      limit,
      cursor,
      ...filters
    } = query ?? {};
    const rows = sortReportRows(this.reportRows(filters), sort, order);
    // The cursor is opaque to callers; here it is the offset of the next page.
    const offset = Number(cursor ?? 0);
    const end = offset + Number(limit ?? 100);
    const byRegion: Record<string, number> = {};
    const byOwner: Record<string, number> = {};
    for (const row of rows) {
      byRegion[row.region] =
        (byRegion[row.region] ?? 0) + (row.estimatedMonthlyCost ?? 0);
      byOwner[row.owner] =
        (byOwner[row.owner] ?? 0) + (row.estimatedMonthlyCost ?? 0);
    }
    return {
      generatedAt: this.timestamp(),
      rows: rows.slice(offset, end),
      totalCount: rows.length,
      nextCursor: end < rows.length ? String(end) : undefined,
      totals: {
        versions: rows.length,
        estimatedMonthlyCost: rows.reduce(
          (sum, row) => sum + (row.estimatedMonthlyCost ?? 0),
          0,
        ),
        withoutEstimate: rows.filter(r => r.estimatedMonthlyCost === undefined)
          .length,
        models: new Set(rows.map(r => r.model)).size,
        liveVersions: rows.filter(r => r.status === 'ready').length,
        servingProduction: rows.filter(r => r.productionVersion === r.version)
          .length,
        byRegion,
        byOwner,
      },
      sync: [],
    };
  }

  async getReportCsv(
    filters: GovernanceReportFilters | undefined,
    _options: BedrockModelsRequestOptions,
  ): Promise<string> {
    return governanceReportCsv(
      sortReportRows(this.reportRows(filters), 'model', 'asc'),
    );
  }

  async getReportFacets(
    _options: BedrockModelsRequestOptions,
  ): Promise<ReportFacets> {
    const rows = this.reportRows();
    const values = (pick: (row: GovernanceReportRow) => string | undefined) =>
      [...new Set(rows.map(pick).filter((v): v is string => !!v))].sort();
    return {
      owner: values(r => r.owner),
      region: values(r => r.region),
      accountId: values(r => r.accountId),
      architecture: values(r => r.architecture),
      classification: values(r => r.classification),
      status: values(r => r.status),
    };
  }

  async getInventory(
    query: InventoryQuery | undefined,
    _options: BedrockModelsRequestOptions,
  ): Promise<RegistryInventory> {
    const names = [...this.models.keys()]
      .sort()
      .filter(name => !query?.after || name > query.after);
    const page = query?.limit ? names.slice(0, Number(query.limit)) : names;
    const inPage = new Set(page);
    return {
      models: page.map(name => ({ ...this.models.get(name)! })),
      versions: this.versions
        .filter(v => inPage.has(v.modelName))
        .map(v => ({ ...v })),
      pointers: page.flatMap(name => this.pointersOf(name)),
      nextAfter: page.length < names.length ? page[page.length - 1] : undefined,
    };
  }

  async getModel(
    request: { modelName: string },
    _options: BedrockModelsRequestOptions,
  ): Promise<ModelDetails | undefined> {
    const model = this.models.get(request.modelName);
    if (!model) return undefined;
    return {
      model: { ...model },
      versions: this.versionsOf(model.name).map(v => ({ ...v })),
      pointers: this.pointersOf(model.name),
      // The mock writes SSM within every move: nothing is ever waiting to be published.
      publishStates: [],
      recentHistory: this.moves
        .filter(m => m.modelName === model.name)
        .reverse()
        .slice(0, 20),
      sync: [],
    };
  }

  async getVersion(
    request: { modelName: string; version: number },
    _options: BedrockModelsRequestOptions,
  ): Promise<ModelVersion | undefined> {
    const version = this.versionOf(request.modelName, request.version);
    if (!version) return undefined;
    const key = `${version.modelName}/${version.number}`;
    const reads = (this.versionReads.get(key) ?? 0) + 1;
    this.versionReads.set(key, reads);
    const { readsUntilDone = 3, failureMessage } = this.options.imports ?? {};
    if (version.status === 'importing' && reads >= readsUntilDone) {
      version.status = failureMessage ? 'failed' : 'ready';
      version.updatedAt = this.timestamp();
      if (failureMessage) {
        version.failureMessage = failureMessage;
      } else {
        version.importedModelArn = `arn:aws:bedrock:${version.region}:${version.accountId}:imported-model/${version.modelName}v${version.number}`;
        version.cmusPerCopy = 2;
      }
    }
    return { ...version };
  }

  async importVersion(
    request: ImportVersionCall,
    options: BedrockModelsRequestOptions,
  ): Promise<ImportVersionResponse> {
    const { modelName, idempotencyKey, ...body } = request;
    const actor = await this.requireUser(options, 'Imports are made');
    const problems = checkModelName(modelName);
    if (problems.length > 0) {
      throw await bedrockModelsResponseError(
        400,
        `Invalid model name "${modelName}": ${problems.join(' ')}`,
      );
    }
    await this.checkArtifactFields(body);
    const key = `${actor}\n${modelName}\n${idempotencyKey}`;
    const earlier = this.importKeys.get(key);
    if (earlier) return { version: { ...earlier }, created: false };

    const model = this.models.get(modelName);
    let classification = body.classification;
    if (model) {
      await this.requireOwnerOrAdmin(
        actor,
        model,
        `add versions to model ${modelName}`,
      );
      const check = checkVersionClassification({
        modelName,
        model: model.classification,
        requested: body.classification,
        order: this.settings.classifications,
      });
      if (check.kind === 'lower')
        throw await bedrockModelsResponseError(400, check.message);
      if (check.kind === 'raise' && !this.isAdmin(actor)) {
        throw await bedrockModelsResponseError(403, check.message);
      }
      classification = check.kind === 'raise' ? check.to : model.classification;
    } else {
      if (!body.owner) {
        throw await bedrockModelsResponseError(
          400,
          `Model ${modelName} is new: give its owner (a catalog Group or User, e.g. group:default/support-ml).`,
        );
      }
      const refusal = checkNewModelOwner({
        owner: body.owner,
        callerOwnershipRefs: this.ownershipOf(actor),
        isAdmin: this.isAdmin(actor),
      });
      if (refusal) throw await bedrockModelsResponseError(403, refusal);
    }
    const report = this.validate(body, model?.owner ?? body.owner!);
    if (!report.valid) {
      throw await bedrockModelsResponseError(
        400,
        `The artifacts at ${body.s3Uri} cannot be imported: ${report.errors
          .map((e, i) => `(${i + 1}) ${e.message}`)
          .join(' ')}`,
      );
    }

    const at = this.timestamp();
    if (model) {
      model.classification = classification;
    } else {
      this.models.set(modelName, {
        name: modelName,
        owner: body.owner!,
        title: body.title,
        description: body.description,
        system: body.system,
        classification,
        lineage: body.lineage ?? {},
        tags: body.tags ?? [],
        createdBy: actor,
        createdAt: at,
        updatedAt: at,
      });
    }
    const number = this.versionsOf(modelName).length + 1;
    const jobNumber = this.versions.filter(v => v.jobArn).length;
    const version: ModelVersion = {
      modelName,
      number,
      accountId: body.accountId,
      region: body.region,
      status: 'importing',
      importedModelName: `${modelName}-v${number}`,
      jobName: `${modelName}-v${number}-job`,
      jobArn: `arn:aws:bedrock:${body.region}:${body.accountId}:model-import-job/job${jobNumber}`,
      s3Uri: body.s3Uri,
      managed: true,
      createdBy: actor,
      createdAt: at,
      updatedAt: at,
    };
    this.versions.push(version);
    this.importKeys.set(key, version);
    return { version: { ...version }, created: true };
  }

  async getModelCost(
    request: { modelName: string; from?: string; to?: string },
    _options: BedrockModelsRequestOptions,
  ): Promise<ModelCostReport> {
    const model = await this.requireModel(request.modelName);
    const to = request.to ?? this.timestamp();
    const from =
      request.from ?? new Date(Date.parse(to) - 30 * 86_400_000).toISOString();
    return {
      modelName: model.name,
      owner: model.owner,
      from,
      to,
      versions: this.versionsOf(model.name).map(v => ({
        version: v.number,
        region: v.region,
        accountId: v.accountId,
        importedModelArn: v.importedModelArn,
        cmusPerCopy: v.cmusPerCopy,
        days: [],
        compute: 0,
        storage: 0,
        total: 0,
        notes: ['The in-memory backend reads no metrics.'],
      })),
      totals: { compute: 0, storage: 0, total: 0, byRegion: {} },
      monthlyProjection: 0,
      prices: this.settings.prices,
    };
  }

  async retireVersion(
    request: RetireVersionCall,
    options: BedrockModelsRequestOptions,
  ): Promise<ModelVersion> {
    const actor = await this.requireUser(options, 'Versions are retired');
    const model = await this.requireModel(request.modelName);
    await this.requireOwnerOrAdmin(
      actor,
      model,
      `retire versions of model ${model.name}`,
    );
    const version = this.versionOf(model.name, request.version);
    if (!version) {
      throw await bedrockModelsResponseError(
        404,
        `Model ${model.name} has no version ${request.version}.`,
      );
    }
    if (version.createdBy === DISCOVERY_ACTOR && !this.isAdmin(actor)) {
      throw await bedrockModelsResponseError(
        403,
        `You may not retire version ${version.number} of ${model.name}: discovery found it (it was imported outside the portal), so only the portal admins may retire it.`,
      );
    }
    await this.refuse(
      checkRetirement({
        version,
        pointersNamingIt: this.pointersOf(model.name).filter(
          p => p.version === version.number && p.region === version.region,
        ),
      }),
    );
    version.status = 'retired';
    version.updatedAt = this.timestamp();
    return { ...version };
  }

  async getPointerHistory(
    request: PointerLocator,
    _options: BedrockModelsRequestOptions,
  ): Promise<PointerHistory> {
    await this.requireModel(request.modelName);
    return { items: this.historyOf(request) };
  }

  async promoteVersion(
    request: PromoteVersionCall,
    options: BedrockModelsRequestOptions,
  ): Promise<PointerMoveResponse> {
    const { actor, checkMoveTo } = await this.beforeMove(request, options);
    const target = this.versionOf(request.modelName, request.version);
    if (!target) {
      throw await bedrockModelsResponseError(
        404,
        `Model ${request.modelName} has no version ${request.version}.`,
      );
    }
    await checkMoveTo(target);
    return this.move(request, target, actor, 'promote');
  }

  async rollbackPointer(
    request: RollbackPointerCall,
    options: BedrockModelsRequestOptions,
  ): Promise<PointerMoveResponse> {
    const { actor, current, lastMove, checkMoveTo } = await this.beforeMove(
      request,
      options,
    );
    await this.refuse(
      checkStaleness({
        pointerRegion: request.region,
        alias: request.alias,
        current: current?.version ?? null,
        believedCurrent: request.expectedCurrentVersion,
        lastMove,
      }),
    );
    const targetNumber = rollbackTarget(this.historyOf(request));
    if (targetNumber === undefined) {
      throw await bedrockModelsResponseError(
        409,
        `The ${request.alias} pointer of ${request.modelName} in ${request.region} has never named another version, so there is nothing to roll back to.`,
      );
    }
    const target = this.versionOf(request.modelName, targetNumber)!;
    await checkMoveTo(target);
    return this.move(request, target, actor, 'rollback');
  }

  async getEvaluationSuite(
    request: { modelName: string },
    _options: BedrockModelsRequestOptions,
  ): Promise<EvaluationSuite> {
    await this.requireModel(request.modelName);
    return (
      this.suites.get(request.modelName) ?? {
        modelName: request.modelName,
        prompts: [],
      }
    );
  }

  async startEvaluation(
    request: StartEvaluationCall,
    options: BedrockModelsRequestOptions,
  ): Promise<EvaluationStartResponse> {
    const actor = await this.requireUser(options, 'Evaluations are run');
    const model = await this.requireModel(request.modelName);
    // The backend asks for the permission to move the model's pointers, and refuses in its words.
    await this.requireOwnerOrAdmin(
      actor,
      model,
      `move the pointers of model ${model.name}`,
    );
    const version = this.versionOf(model.name, request.version);
    if (!version) {
      throw await bedrockModelsResponseError(
        404,
        `Model ${model.name} has no version ${request.version}.`,
      );
    }
    if (version.region !== request.region) {
      throw await bedrockModelsResponseError(
        400,
        `Version ${version.number} was imported into ${version.region}, so it runs only there; evaluate it in ${version.region}.`,
      );
    }
    if (version.status !== 'ready') {
      throw await bedrockModelsResponseError(
        409,
        `Version ${version.number} is ${version.status}, not ready: only a ready version can be evaluated.`,
      );
    }
    if (!this.suites.get(model.name)?.prompts.length) {
      throw await bedrockModelsResponseError(
        409,
        `Model ${model.name} has no evaluation prompts yet: add some to its suite first.`,
      );
    }
    const run: EvaluationRun = {
      id: `run-${this.runs.size + 1}`,
      modelName: model.name,
      version: version.number,
      region: version.region,
      status: 'queued',
      startedBy: actor,
      createdAt: this.timestamp(),
    };
    this.runs.set(run.id, run);
    return { run: { ...run } };
  }

  async getEvaluationRun(
    request: { modelName: string; runId: string },
    _options: BedrockModelsRequestOptions,
  ): Promise<EvaluationRun | undefined> {
    const run = this.runs.get(request.runId);
    if (!run || run.modelName !== request.modelName) return undefined;
    const reads = (this.runReads.get(run.id) ?? 0) + 1;
    this.runReads.set(run.id, reads);
    if (
      run.status === 'queued' &&
      reads >= (this.options.evaluations?.readsUntilDone ?? 2)
    ) {
      this.finishRun(run);
    }
    return { ...run };
  }

  /** Finishes a run: the first `passRate` of the suite's prompts pass, each answering in 100 ms. */
  private finishRun(run: EvaluationRun) {
    const prompts = this.suites.get(run.modelName)?.prompts ?? [];
    const passing = Math.round(
      (this.options.evaluations?.passRate ?? 1) * prompts.length,
    );
    const results: EvaluationResult[] = prompts.map((prompt, i) => ({
      promptId: prompt.id,
      prompt: prompt.prompt,
      output: 'An answer from the in-memory backend.',
      latencyMs: 100,
      coldStart: false,
      passed: i < passing,
      failures: i < passing ? [] : ['The in-memory backend failed it.'],
    }));
    const summary = summarizeRun(results);
    Object.assign(run, {
      ...summary,
      status: summary.passed === summary.prompts ? 'passed' : 'failed',
      results,
      startedAt: run.createdAt,
      finishedAt: this.timestamp(),
    });
  }

  /**
   * What every move checks first (a user, an existing model they may change), the pointer now, and the
   * check of a move to a target: the backend's rule from -common.
   */
  private async beforeMove(
    request: PointerLocator & {
      reason: string;
      expectedCurrentVersion?: number | null;
    },
    options: BedrockModelsRequestOptions,
  ) {
    const actor = await this.requireUser(options, 'Pointers are moved');
    const model = await this.requireModel(request.modelName);
    await this.requireOwnerOrAdmin(
      actor,
      model,
      `move the pointers of model ${model.name}`,
    );
    const current = this.pointerOf(request);
    const lastMove = current
      ? { actor: current.updatedBy, at: current.updatedAt }
      : undefined;
    const checkMoveTo = (target: ModelVersion) =>
      this.refuse(
        checkPointerMove({
          version: target,
          pointerRegion: request.region,
          pointerAccountId: current?.accountId,
          alias: request.alias,
          current: current?.version ?? null,
          believedCurrent: request.expectedCurrentVersion,
          reason: request.reason,
          lastMove,
        }),
      );
    return { actor, current, lastMove, checkMoveTo };
  }

  /** Records a checked move (unless it is a dry run) and answers as the backend does. */
  private move(
    request: PointerLocator & { reason: string; dryRun?: boolean },
    target: ModelVersion,
    actor: string,
    kind: 'promote' | 'rollback',
  ): PointerMoveResponse {
    const before = this.pointerOf(request);
    const move: PointerMove = {
      id: request.dryRun ? 0 : this.moves.length + 1,
      modelName: request.modelName,
      alias: request.alias,
      region: request.region,
      seq: (before?.revision ?? 0) + 1,
      kind,
      fromVersion: before?.version ?? null,
      toVersion: target.number,
      actor,
      at: this.timestamp(),
      reason: request.reason,
    };
    if (request.dryRun) {
      const history = [...this.historyOf(request), move];
      return {
        move,
        pointer: this.pointerFrom(
          history,
          before?.accountId ?? target.accountId,
        ),
        published: false,
        dryRun: true,
      };
    }
    this.moves.push(move);
    const published = this.options.publishesInRequest ?? true;
    return {
      move,
      pointer: this.pointerOf(request)!,
      published,
      dryRun: false,
      outboxId: move.id,
    };
  }

  private versionsOf(modelName: string) {
    return this.versions.filter(v => v.modelName === modelName);
  }

  private versionOf(modelName: string, number: number) {
    return this.versions.find(
      v => v.modelName === modelName && v.number === number,
    );
  }

  private historyOf(pointer: PointerLocator): PointerMove[] {
    return this.moves.filter(m => keyOf(m) === keyOf(pointer));
  }

  private pointerOf(pointer: PointerLocator): AliasPointer | undefined {
    const history = this.historyOf(pointer);
    if (history.length === 0) return undefined;
    // A pointer lives in the account of the first version it named.
    const first = this.versionOf(pointer.modelName, history[0].toVersion);
    return this.pointerFrom(history, first?.accountId ?? '');
  }

  /** A pointer as the backend shows it, from its history (oldest first). */
  private pointerFrom(history: PointerMove[], accountId: string): AliasPointer {
    const last = history[history.length - 1];
    return {
      modelName: last.modelName,
      alias: last.alias,
      region: last.region,
      accountId,
      version: last.toVersion,
      revision: last.seq,
      updatedBy: last.actor,
      updatedAt: last.at,
      parameterName: `${this.settings.ssmParameterPrefix.replace(/\/+$/, '')}/${
        last.modelName
      }/${last.alias}`,
      rollbackTarget: rollbackTarget(history),
    };
  }

  private pointersOf(modelName: string): AliasPointer[] {
    const keys = new Map<string, PointerMove>();
    for (const move of this.moves) {
      if (move.modelName === modelName) keys.set(keyOf(move), move);
    }
    return [...keys.values()].map(move => this.pointerOf(move)!);
  }

  private reportRows(filters?: GovernanceReportFilters): GovernanceReportRow[] {
    const production = this.settings.aliases[0];
    const rows = this.versions.map(version => {
      const model = this.models.get(version.modelName)!;
      const pointers = this.pointersOf(model.name).filter(
        p => p.region === version.region,
      );
      const serving = pointers.find(p => p.alias === production);
      return {
        model: model.name,
        owner: model.owner,
        classification: model.classification,
        accountId: version.accountId,
        region: version.region,
        version: version.number,
        status: version.status,
        architecture: version.architecture,
        importedModelArn: version.importedModelArn,
        pointers: pointers
          .filter(p => p.version === version.number)
          .map(p => p.alias),
        createdBy: version.createdBy,
        createdAt: version.createdAt,
        managed: version.managed,
        flag: version.flag,
        productionVersion: serving?.version,
        lastPromotedBy: serving?.updatedBy,
        lastPromotedAt: serving?.updatedAt,
      };
    });
    const { account, idleDays, ...rest } = filters ?? {};
    return rows.filter(row =>
      matchesReportFilters(row, {
        ...rest,
        accountId: account,
        idleDays: idleDays === undefined ? undefined : Number(idleDays),
      }),
    );
  }

  /** The backend's validation: the owner's allowed sources, then the artifacts, quotas and residency. */
  private validate(
    request: ValidateArtifactsRequest,
    owner: string,
  ): ValidationReport {
    const source = this.options.sources
      ? checkArtifactSource({
          s3Uri: request.s3Uri,
          accountId: request.accountId,
          ownerRef: owner,
          rules: this.options.sources,
        })
      : { allowed: true as const };
    const quotas = this.quotasIn(request.accountId, request.region);
    return checkArtifacts({
      s3Uri: request.s3Uri,
      region: request.region,
      classification: request.classification,
      listing: source.allowed
        ? this.options.artifacts?.[request.s3Uri] ?? llamaArtifactListing()
        : { objects: [] },
      sourceProblem: source.allowed ? undefined : source.problem,
      quotas,
      dataResidency: this.options.dataResidency ?? {},
      production: request.modelName ? this.productionOf(request.modelName) : [],
    });
  }

  /** What the model's production alias (the first alias) names, with each version's architecture. */
  private productionOf(modelName: string): ProductionVersion[] {
    const alias = this.settings.aliases[0];
    return this.pointersOf(modelName)
      .filter(p => p.alias === alias)
      .map(p => ({
        modelName,
        alias,
        region: p.region,
        version: p.version,
        architecture: this.versionsOf(modelName).find(
          v => v.number === p.version,
        )?.architecture,
      }));
  }

  private quotasIn(accountId: string, region: string) {
    const limits = this.options.quotas ?? DEFAULT_MOCK_QUOTAS;
    const here = this.versions.filter(
      v => v.accountId === accountId && v.region === region,
    );
    return {
      importedModels: {
        used: here.filter(v => v.status === 'ready').length,
        limit: limits.importedModels,
      },
      concurrentImportJobs: {
        used: here.filter(v => v.status === 'importing').length,
        limit: limits.concurrentImportJobs,
      },
    };
  }

  /** The request checks the backend's router makes: a managed account and Region, a known classification. */
  private async checkArtifactFields(request: ValidateArtifactsRequest) {
    const problems: string[] = [];
    const uri = parseS3Uri(request.s3Uri);
    if ('problem' in uri) problems.push(`s3Uri: ${uri.problem}`);
    const ids = this.settings.accounts.map(a => a.accountId);
    const account = this.settings.accounts.find(
      a => a.accountId === request.accountId,
    );
    if (!account) {
      problems.push(
        `accountId: must be a managed account (${
          ids.join(', ') || 'none configured'
        })`,
      );
    } else if (!account.regions.includes(request.region)) {
      problems.push(
        `region: is not managed in account ${
          request.accountId
        } (${account.regions.join(', ')})`,
      );
    }
    if (!this.settings.classifications.includes(request.classification)) {
      problems.push(
        `classification: must be one of ${this.settings.classifications.join(
          ', ',
        )}`,
      );
    }
    // Only validation names the model in its body (an import has it in the path).
    const modelName = (request as { modelName?: string }).modelName;
    if (modelName !== undefined && checkModelName(modelName).length > 0) {
      problems.push(`modelName: ${checkModelName(modelName).join(' ')}`);
    }
    if (problems.length > 0) {
      throw await bedrockModelsResponseError(
        400,
        `Invalid body: ${problems.join('; ')}`,
      );
    }
  }

  private async requireModel(modelName: string): Promise<Model> {
    const model = this.models.get(modelName);
    if (!model) {
      throw await bedrockModelsResponseError(
        404,
        `There is no model named ${modelName}.`,
      );
    }
    return model;
  }

  /** Changes need a person to answer for them: services call on behalf of a user. */
  private async requireUser(
    options: BedrockModelsRequestOptions,
    what: string,
  ): Promise<string> {
    const user = userOf(options.credentials);
    if (!user) {
      throw await bedrockModelsResponseError(403, serviceAloneRefusal(what));
    }
    return user;
  }

  private async requireOwnerOrAdmin(user: string, model: Model, what: string) {
    if (this.isAdmin(user) || this.ownershipOf(user).includes(model.owner)) {
      return;
    }
    throw await bedrockModelsResponseError(403, notOwnerRefusal(what));
  }

  private ownershipOf(user: string): string[] {
    return [user, ...(this.options.memberships?.[user] ?? [])];
  }

  private isAdmin(user: string): boolean {
    return this.options.admins?.includes(user) ?? false;
  }

  /** Throws what the backend answers for a refused check: 409 for stale state, 400 for the rest. */
  private async refuse(check: MoveCheck) {
    if (check.kind === 'conflict') {
      throw await bedrockModelsResponseError(409, check.message);
    }
    if (check.kind === 'invalid') {
      throw await bedrockModelsResponseError(400, check.problems.join(' '));
    }
  }

  private timestamp() {
    return new Date(this.now()).toISOString();
  }
}

/** The user a call is made for; undefined for a service acting on its own. */
function userOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
  };
  return principal.type === 'user' ? principal.userEntityRef : undefined;
}

/** The report's rows in the order asked, ties by model and version (unknown values last). */
function sortReportRows(
  rows: GovernanceReportRow[],
  sort: NonNullable<GovernanceReportQuery['sort']>,
  order: 'asc' | 'desc',
): GovernanceReportRow[] {
  const key = (row: GovernanceReportRow): string | number | undefined => {
    const value = sort === 'cost' ? row.estimatedMonthlyCost : row[sort];
    // Booleans (managed) sort as numbers, false first.
    return typeof value === 'boolean' ? Number(value) : value;
  };
  const sign = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x !== y) {
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return (x < y ? -1 : 1) * sign;
    }
    return a.model.localeCompare(b.model) || a.version - b.version;
  });
}

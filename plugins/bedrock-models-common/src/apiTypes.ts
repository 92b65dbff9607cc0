import type {
  AliasPointer,
  Model,
  ModelLineage,
  ModelVersion,
  PointerMove,
} from './domain/registryTypes';
import type { ValidationReport } from './domain/artifactValidation';

/** Whether the SSM parameter of a pointer is written yet. */
export type PublishState = {
  alias: string;
  region: string;
  /** `pending` until the outbox publisher wrote the parameter, then `published`. */
  status: string;
  attempts: number;
  lastError?: string;
  publishedAt?: string;
};

/** `GET /models/{model}`: a model with everything its page shows. */
export type ModelDetails = {
  model: Model;
  versions: ModelVersion[];
  pointers: AliasPointer[];
  publishStates: PublishState[];
  recentHistory: PointerMove[];
  /** Discovery's state in the accounts and Regions the model has versions in. */
  sync: DiscoverySyncState[];
};

/** One row of `GET /models`: the model and what serves where. */
export type ModelSummary = Model & {
  versionCount: number;
  regions: string[];
  pointers: Array<{ alias: string; region: string; version: number }>;
};

/** `GET /models`: one page of a search. */
export type ModelSearchResult = {
  items: ModelSummary[];
  totalCount: number;
};

/** `GET /inventory`: every model, version and pointer, for the catalog module's full refresh. */
export type RegistryInventory = {
  models: Model[];
  versions: ModelVersion[];
  pointers: AliasPointer[];
};

/** Body of `POST /validate`. */
export type ValidateArtifactsRequest = {
  /** `s3://bucket/prefix/` holding config.json, tokenizer files and safetensors weights. */
  s3Uri: string;
  accountId: string;
  region: string;
  classification: string;
};

/** `POST /validate`: the report (whether or not it found problems). */
export type ValidateArtifactsResponse = ValidationReport;

/** Body of `POST /models/{model}/versions`: import a new version (and the model when it is new). */
export type ImportVersionRequest = ValidateArtifactsRequest & {
  /** Required when the model is new: a catalog Group or User entity ref. */
  owner?: string;
  title?: string;
  description?: string;
  system?: string;
  lineage?: ModelLineage;
  tags?: string[];
};

/** `POST /models/{model}/versions` answers 202 with the version (importing) and whether the call created it. */
export type ImportVersionResponse = {
  version: ModelVersion;
  /** False when an earlier request with the same Idempotency-Key created it. */
  created: boolean;
};

/** Cost of one version on one day. */
export type DailyCost = {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  /** Sum over the day's 5-minute windows of copies running x CMUs per copy x 5 minutes. */
  cmuMinutes: number;
  compute: number;
  storage: number;
};

/** Cost of one version over a period. */
export type VersionCost = {
  version: number;
  region: string;
  accountId: string;
  importedModelArn?: string;
  cmusPerCopy?: number;
  days: DailyCost[];
  compute: number;
  storage: number;
  total: number;
  /** Why the figure is partial or missing (no CMUs known yet, no price for the Region ...). */
  notes: string[];
};

/** The prices a cost figure used, and where they come from. */
export type PriceSheet = {
  currency: string;
  /** Per Region, price of one CMU for one minute of a running copy. */
  cmuMinute: Record<string, number>;
  /** Price of one CMU of a stored model for a month. */
  storageCmuMonth: number;
  /** Where the prices come from (config key and the source of the defaults). */
  source: string;
};

/** `GET /models/{model}/cost`: cost per version and day, with totals. */
export type ModelCostReport = {
  modelName: string;
  owner: string;
  from: string;
  to: string;
  versions: VersionCost[];
  totals: {
    compute: number;
    storage: number;
    total: number;
    byRegion: Record<string, number>;
  };
  /** Cost of the period scaled to 30 days. */
  monthlyProjection: number;
  prices: PriceSheet;
};

/** One quota, used against its limit. */
export type QuotaUsage = {
  quotaCode: string;
  name: string;
  used: number;
  /** Undefined when Service Quotas could not be read (see `note`). */
  limit?: number;
  note?: string;
};

/** `GET /quotas`: Custom Model Import quotas in one account and Region. */
export type QuotaReport = {
  accountId: string;
  region: string;
  importedModels: QuotaUsage;
  concurrentImportJobs: QuotaUsage;
  /** When the limits were read from Service Quotas (they are cached for an hour). */
  limitsReadAt?: string;
};

/** One row of `GET /report`: a version anywhere, for governance. */
export type GovernanceReportRow = {
  model: string;
  owner: string;
  classification: string;
  accountId: string;
  region: string;
  version: number;
  status: string;
  architecture?: string;
  importedModelArn?: string;
  /** `alias` names of the pointers naming this version, e.g. `production`. */
  pointers: string[];
  createdBy: string;
  createdAt: string;
  managed: boolean;
  /** Storage plus the last 30 days' compute; undefined when no price or CMUs are known. */
  estimatedMonthlyCost?: number;
};

/** How discovery last went in one account and Region (shared by every replica). */
export type DiscoverySyncState = {
  accountId: string;
  region: string;
  lastAttemptAt: string;
  /** When a pass last listed this account and Region completely, if one ever has. */
  lastSuccessAt?: string;
  /** Set while passes fail: since when, and the last error. */
  failingSince?: string;
  lastError?: string;
  /** Import jobs in progress that the portal did not start, as of the last success (they use the job quota). */
  outsideJobsInProgress: number;
};

/** `GET /report`: every version in every account and Region. */
export type GovernanceReport = {
  generatedAt: string;
  rows: GovernanceReportRow[];
  /** Set when AWS could not be read and costs are from the last successful read (or missing). */
  staleSince?: string;
  /** What could not be read from AWS for this report. */
  awsErrors?: string[];
  /**
   * How current the inventory is: the oldest last success of discovery across the configured accounts
   * and Regions, once each has succeeded.
   */
  lastSyncAt?: string;
  /** Discovery's state per configured account and Region; those whose last pass failed carry the error. */
  sync: DiscoverySyncState[];
};

/** `GET /settings`: what the configuration lets users choose, and the prices cost figures use. */
export type PortalSettings = {
  accounts: Array<{ accountId: string; regions: string[] }>;
  aliases: string[];
  classifications: string[];
  ssmParameterPrefix: string;
  prices: PriceSheet & {
    /** Per Region, hourly rate of the always-on alternative the cost-shape calculator compares with. */
    alwaysOnHourly: Record<string, number>;
  };
};

import {
  Model,
  ModelSummary,
  ModelVersion,
  VersionStatus,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { NewVersion } from './versionRows';

/** What creating a model takes. */
export type NewModel = Omit<Model, 'createdAt' | 'updatedAt'>;

/** Filters, sort and page of a model search. */
export type ModelSearch = {
  /** Matches name, title and description, case-insensitively. */
  text?: string;
  owner?: string;
  accountId?: string;
  region?: string;
  architecture?: string;
  classification?: string;
  /** Only models with (or without) a pointer of this alias. */
  alias?: string;
  aliasState?: 'set' | 'unset';
  sort: 'name' | 'updatedAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
};

/** A version discovery found in AWS, to record under a model (created when missing). */
export type DiscoveredVersion = {
  model: NewModel;
  /** The version number its tags ask for; taken only when free. */
  preferredNumber?: number;
  version: NewVersion & { importedModelName: string };
  createdAt: Date;
};

/** The outcome of a retirement the caller's rules decided on, inside the store's transaction. */
export type RetirementOutcome<R> =
  | { kind: 'retired'; before: ModelVersion }
  | { kind: 'refused'; refusal: R }
  | { kind: 'missing' }
  | { kind: 'changed' };

/**
 * Models and their versions (one Bedrock imported model each): the registry's inventory.
 */
export interface ModelStore {
  getModel(name: string): Promise<Model | undefined>;
  /** Models by name, in the order asked, undefined where there is none (for permission checks). */
  getModels(names: string[]): Promise<Array<Model | undefined>>;
  /** Changes a model's classification (admins only; checked by the service). */
  setClassification(name: string, classification: string): Promise<void>;
  getVersion(
    modelName: string,
    number: number,
  ): Promise<ModelVersion | undefined>;
  listVersions(modelName: string): Promise<ModelVersion[]>;
  /** Models by name after `after` (all from the first), at most `limit`, with their versions. */
  modelsPage(
    after: string | undefined,
    limit: number,
  ): Promise<{ models: Model[]; versions: ModelVersion[] }>;
  /** Every model and every version: two statements whatever the size. */
  allModelsAndVersions(): Promise<{
    models: Model[];
    versions: ModelVersion[];
  }>;
  /** One page of models with their version counts, Regions and pointers. */
  searchModels(
    search: ModelSearch,
  ): Promise<{ items: ModelSummary[]; totalCount: number }>;
  /** Every version in an account and Region (discovery compares them with AWS). */
  versionsIn(accountId: string, region: string): Promise<ModelVersion[]>;
  /** How many versions in an account and Region are in these states (for quota headroom). */
  countVersions(
    accountId: string,
    region: string,
    statuses: VersionStatus[],
    options?: { withJob?: boolean },
  ): Promise<number>;
  /**
   * Records versions found in AWS, creating their models when missing, in one transaction. A tagged
   * version number is kept when free; otherwise the next number is used.
   */
  recordDiscovered(batch: DiscoveredVersion[]): Promise<ModelVersion[]>;
  /**
   * Marks versions whose imported model is gone from AWS; returns how many changed. Only versions
   * unchanged since `listedAt` (when the listing that missed them began) are marked.
   */
  markDeleted(
    versions: Array<{ modelName: string; number: number }>,
    listedAt: Date,
  ): Promise<number>;
  /** Sets a version's status (a version listed again after it was marked gone is ready). */
  setStatus(
    modelName: string,
    number: number,
    status: VersionStatus,
  ): Promise<void>;
  /**
   * Marks a version retired, and records who retired it and why, in a transaction that locks it and
   * reads the pointers naming it; `decide` (the caller's rules) may refuse. Returns the version as it
   * was, to restore if AWS refuses.
   */
  beginRetirement<R>(
    modelName: string,
    number: number,
    by: { actor: string; reason: string },
    decide: (
      version: ModelVersion,
      pointersNamingIt: Array<{ alias: string; region: string }>,
    ) => R | undefined,
  ): Promise<RetirementOutcome<R>>;
  /** Undoes a retirement AWS refused (and its record): only if the version is still marked retired. */
  restoreRetiredVersion(
    modelName: string,
    number: number,
    status: VersionStatus,
  ): Promise<void>;
}

/** Where a version stands: importing, ready to serve, failed to import, retired by the portal, or deleted outside it. */
export type VersionStatus =
  | 'importing'
  | 'ready'
  | 'failed'
  | 'retired'
  | 'deleted';

/** The parts of a version the pointer rules look at. */
export type VersionRef = {
  /** 1, 2, 3 ... per model. */
  number: number;
  region: string;
  status: VersionStatus;
};

/** One move of an alias pointer (model, alias, Region): append-only history. */
export type AliasMove = {
  kind: 'promote' | 'rollback';
  /** The version the pointer named before, or null for its first move. */
  fromVersion: number | null;
  toVersion: number;
  actor: string;
  /** ISO 8601 time of the move. */
  at: string;
  reason: string;
};

/** Lineage of a model: where it came from. */
export type ModelLineage = {
  baseModel?: string;
  trainingDataUri?: string;
  trainingJob?: string;
  evaluationReportUrl?: string;
};

/** A model the portal manages: the thing whose versions are promoted. */
export type Model = {
  name: string;
  title?: string;
  description?: string;
  /** A catalog Group or User entity ref, e.g. `group:default/support-ml`. */
  owner: string;
  system?: string;
  classification: string;
  lineage: ModelLineage;
  tags: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
};

/** One version of a model: one Bedrock imported model. */
export type ModelVersion = VersionRef & {
  modelName: string;
  accountId: string;
  importedModelArn?: string;
  /** Bedrock's name of the imported model; `<model>-v<N>` for imports made by the portal. */
  importedModelName?: string;
  jobArn?: string;
  jobName?: string;
  failureMessage?: string;
  s3Uri: string;
  architecture?: string;
  instructSupported?: boolean;
  cmusPerCopy?: number;
  /** Milliseconds the first call after import took (the cold start), when the warm-up measured it. */
  coldStartMs?: number;
  /** The last error met while following the import job (AWS unreachable, throttled ...); cleared on success. */
  lastCheckError?: string;
  /** False for versions discovered in AWS that the portal did not import. */
  managed: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
};

/** An alias pointer: which version serves an alias of a model in a Region. */
export type AliasPointer = {
  modelName: string;
  alias: string;
  region: string;
  version: number;
  /** How many times it moved; equals the `seq` of its last history entry. */
  revision: number;
  updatedBy: string;
  updatedAt: string;
};

/** One recorded move of a pointer. */
export type PointerMove = AliasMove & {
  id: number;
  modelName: string;
  alias: string;
  region: string;
  /** Position in the pointer's history: 1, 2, 3 ... */
  seq: number;
};

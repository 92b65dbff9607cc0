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

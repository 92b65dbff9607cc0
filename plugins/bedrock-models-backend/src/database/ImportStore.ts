import { ModelVersion } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { NewModel } from './ModelStore';
import { NewVersion } from './versionRows';

/** The idempotency record of one import request. */
export type ImportRequestRecord = {
  modelName: string;
  versionNumber: number;
  requestHash: string;
};

/** An import to record: the model when it is new, the version, and the names its job will get. */
export type NewImport = {
  keyHash: string;
  requestHash: string;
  /** Created in the same transaction when no model of that name exists yet. */
  newModel?: NewModel;
  /** Raises the existing model's classification in the same transaction (an admin's import). */
  raiseClassificationTo?: string;
  version: Pick<
    NewVersion,
    'modelName' | 'accountId' | 'region' | 's3Uri' | 'createdBy'
  >;
  /** Job and imported-model names follow from the version number, which the store assigns. */
  namesFor: (number: number) => { jobName: string; importedModelName: string };
  clientRequestToken: string;
  firstCheckAt: Date;
};

/** What recording an import did. */
export type RecordedImport =
  | { kind: 'created'; record: ImportRequestRecord }
  /** Another request with the same key was recorded first. */
  | { kind: 'earlier'; record: ImportRequestRecord }
  /** The model was created by another request a moment ago, unchecked by this one's rules. */
  | { kind: 'model-created-meanwhile' }
  /** Concurrent imports of the model kept taking the same version number. */
  | { kind: 'number-contended' };

/** An import the job tracker must look at. */
export type DueImport = ModelVersion & {
  clientRequestToken?: string;
  checkAttempts: number;
};

/** What the job tracker learned about an import. */
export type ImportProgress = Partial<
  Pick<
    ModelVersion,
    | 'status'
    | 'importedModelArn'
    | 'importedModelName'
    | 'jobArn'
    | 'failureMessage'
    | 'architecture'
    | 'instructSupported'
    | 'cmusPerCopy'
    | 'coldStartMs'
  >
> & {
  nextCheckAt?: Date | null;
  checkAttempts?: number;
  /** null clears it. */
  lastCheckError?: string | null;
};

/** Imports: their idempotency records and the job tracking state on their versions. */
export interface ImportStore {
  findImportRequest(keyHash: string): Promise<ImportRequestRecord | undefined>;
  /**
   * Records an import in one transaction: the model if new, the version (importing) with the next
   * number, and the idempotency record.
   */
  recordImport(request: NewImport): Promise<RecordedImport>;
  /** Imports whose job must be started or checked now, oldest check first. */
  dueImports(now: Date, limit: number): Promise<DueImport[]>;
  /**
   * Records what following an import learned; returns the version as it is now. `onlyIfNotStarted`
   * writes only while it is importing without a job (a start attempt's outcome).
   */
  recordProgress(
    modelName: string,
    number: number,
    progress: ImportProgress,
    options?: { onlyIfNotStarted?: boolean },
  ): Promise<ModelVersion>;
}

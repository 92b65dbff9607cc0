import {
  HeartbeatRecord,
  KeepWarmChange,
  KeepWarmPolicy,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { PointerKey } from './PointerStore';

/** What a policy says, as it is stored (who set it and why are kept with it). */
export type KeepWarmSetting = Pick<
  KeepWarmPolicy,
  'mode' | 'intervalMinutes' | 'timeZone' | 'windows'
> & {
  /** 5-minute windows a copy is kept loaded a month under it, for the report totals. */
  windowsPerMonth: number;
};

/** Where the heartbeats of a pointer are. */
export type HeartbeatProgress = {
  /** The last heartbeat a copy served, and the version it reached. */
  lastServedAt?: Date;
  lastServedVersion?: number;
  /** The first heartbeat that met a cold copy, while no heartbeat has been served since. */
  coldSince?: Date;
  /** Throttled or failed heartbeats in a row. */
  failures: number;
  /** No heartbeat before this (backing off). */
  retryAfter?: Date;
};

/** A pointer with a policy that sends heartbeats, and what the pointer names now. */
export type KeepWarmTarget = PointerKey & {
  policy: KeepWarmPolicy;
  progress: HeartbeatProgress;
  /** The version the pointer names now (undefined: the pointer names none yet). */
  version?: Pick<
    ModelVersion,
    | 'number'
    | 'accountId'
    | 'status'
    | 'importedModelArn'
    | 'instructSupported'
    | 'architecture'
    | 'cmusPerCopy'
  >;
};

/** Keep-warm policies per pointer, their history, and the heartbeats sent. */
export interface KeepWarmStore {
  /** The policy of a pointer and where its heartbeats are; undefined before anyone set one. */
  getPolicy(
    key: PointerKey,
  ): Promise<
    { policy: KeepWarmPolicy; progress: HeartbeatProgress } | undefined
  >;
  /**
   * Sets a pointer's policy in one transaction with the history row of the change (before and after);
   * the heartbeats' progress is kept. Answers the policy as stored.
   */
  setPolicy(
    key: PointerKey,
    setting: KeepWarmSetting,
    change: { actor: string; reason: string; at: Date },
  ): Promise<KeepWarmPolicy>;
  /** The changes of a pointer's policy, newest first. */
  changes(key: PointerKey, limit: number): Promise<KeepWarmChange[]>;
  /** Every pointer whose policy is not off, with the version it names now. */
  targets(): Promise<KeepWarmTarget[]>;
  /** The modes of the policies of some models' pointers, keyed `model|alias|region`. */
  modes(modelNames: string[]): Promise<Map<string, KeepWarmPolicy['mode']>>;
  /** Records a heartbeat and where that leaves the pointer's heartbeats, together. */
  recordBeat(
    key: PointerKey,
    beat: HeartbeatRecord,
    progress: HeartbeatProgress,
  ): Promise<void>;
  /** The latest heartbeat of a pointer. */
  lastBeat(key: PointerKey): Promise<HeartbeatRecord | undefined>;
  /** Forgets heartbeats sent before `before`; answers how many. */
  pruneBeats(before: Date): Promise<number>;
  /** Stores a policy's monthly windows again (the eviction time or lead changed in configuration). */
  updateWindowsPerMonth(
    key: PointerKey,
    windowsPerMonth: number,
  ): Promise<void>;
}

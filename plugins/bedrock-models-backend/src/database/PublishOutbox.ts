import { PublishState } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { PointerKey } from './PointerStore';

/** What SSM must say for a pointer at one revision. */
export type PointerPublication = {
  key: PointerKey;
  revision: number;
  accountId: string;
  parameterName: string;
  /** The imported-model ARN of the version the pointer names at that revision. */
  value: string;
};

/** What publishing a pointer did. */
export type PublishOutcome =
  /** SSM was written with the value of the pointer's current revision. */
  | { kind: 'published'; revision: number }
  /** Nothing was pending for the current revision (another writer published it); older rows are superseded. */
  | { kind: 'up-to-date'; revision: number }
  /** The pointer does not exist (its pending rows are superseded). */
  | { kind: 'no-pointer' };

/**
 * The outbox of SSM writes queued by pointer moves. Writes are published under the pointer's lock and
 * always carry the value of the pointer's current revision, so SSM never goes back to an older value,
 * whoever publishes (the request that moved it, the scheduled publisher, or the reconciler's requeue).
 */
export interface PublishOutbox {
  /** Pointers with a pending write due now, the longest-waiting first. */
  duePointers(now: Date, limit: number): Promise<PointerKey[]>;
  /**
   * Publishes a pointer: under its lock, reads what it names now and, when a write of that revision is
   * pending, calls `write` with it; then marks pending rows of that revision published and older ones
   * superseded. Moves of the pointer wait meanwhile. `write` throwing leaves everything pending.
   */
  publishCurrent(
    key: PointerKey,
    write: (publication: PointerPublication) => Promise<void>,
    options?: { lockTimeoutMs?: number },
  ): Promise<PublishOutcome>;
  /** Records a failed write of a revision: attempts, the error, and when to try again. */
  recordFailure(
    key: PointerKey,
    revision: number,
    error: string,
    nextAttemptAt: (attempts: number) => Date,
  ): Promise<void>;
  /** Publish state of the newest write of each pointer of a model. */
  publishStates(modelName: string): Promise<PublishState[]>;
  /** Every pointer with what SSM should say for it now, and whether a write is already pending. */
  currentPublications(): Promise<
    Array<PointerPublication & { pending: boolean }>
  >;
  /**
   * Pointers whose oldest pending write has failed since before `before` and nobody was told yet; marks
   * them told.
   */
  takeLongFailing(
    before: Date,
  ): Promise<Array<{ key: PointerKey; since: Date; lastError?: string }>>;
  /**
   * Queues the write of a publication again, only if the pointer still has its revision (a compare-and-set:
   * a move since then queued its own write). Answers whether it queued.
   */
  requeueIfCurrent(publication: PointerPublication): Promise<boolean>;
}

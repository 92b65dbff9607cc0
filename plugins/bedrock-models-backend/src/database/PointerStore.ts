import {
  ModelVersion,
  PointerMove,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { PointerRecord } from './registryRows';

export type { PointerRecord } from './registryRows';

/** Names one pointer: an alias of a model in a Region. */
export type PointerKey = { modelName: string; alias: string; region: string };

/** A pointer as a move finds it, inside the move's transaction. */
export type PointerState = {
  /** Undefined before its first move. */
  pointer?: PointerRecord;
  /** Every move so far, in order. */
  history: PointerMove[];
};

/** A move the caller's rules decided on. */
export type PlannedMove = {
  kind: 'promote' | 'rollback';
  /** The version the pointer will name (read through `loadVersion`, so it is locked). */
  target: ModelVersion;
  actor: string;
  reason: string;
  /** The SSM parameter the outbox row will write. */
  parameterName: string;
  /** The approval request the move carries out: who asked, and who approved. */
  approval?: { requestId: string; requestedBy: string; approvedBy: string[] };
  /** An owner rolls back without the approval a rule asks for. */
  emergency?: boolean;
};

/** What the caller's rules answer: a move, or a refusal of their own shape. */
export type MovePlan<R> =
  | { kind: 'move'; move: PlannedMove }
  | { kind: 'refuse'; refusal: R };

/** What a move did (or, for a dry run, would do). */
export type MoveOutcome<R> =
  | {
      kind: 'moved';
      move: PointerMove;
      pointer: PointerRecord;
      /** The queued SSM write; absent for a dry run. */
      outboxId?: number;
    }
  | { kind: 'refused'; refusal: R };

/** Alias pointers and their append-only history; a move also queues its SSM write (the outbox). */
export interface PointerStore {
  listPointers(modelName: string): Promise<PointerRecord[]>;
  allPointers(): Promise<PointerRecord[]>;
  /** The pointers of the models whose names lie between `first` and `last`, inclusive. */
  pointersBetween(first: string, last: string): Promise<PointerRecord[]>;
  getPointer(key: PointerKey): Promise<PointerRecord | undefined>;
  /** Every move of one pointer, in order. */
  pointerHistory(key: PointerKey): Promise<PointerMove[]>;
  /** The move that set each pointer of a model to what it names now. */
  lastMoves(modelName: string): Promise<PointerMove[]>;
  /** The latest moves of every pointer of a model, newest first. */
  recentHistory(modelName: string, limit: number): Promise<PointerMove[]>;
  /**
   * Moves a pointer in one transaction: locks it, gives its state to `plan` (the caller's rules, which
   * read versions through `loadVersion`, locking them against a concurrent retire), then appends the
   * history row, moves the pointer and queues the SSM write of the new revision. A dry run plans and
   * answers without writing.
   */
  movePointer<R>(
    key: PointerKey,
    plan: (
      state: PointerState,
      loadVersion: (number: number) => Promise<ModelVersion | undefined>,
    ) => Promise<MovePlan<R>> | MovePlan<R>,
    options?: { dryRun?: boolean },
  ): Promise<MoveOutcome<R>>;
}

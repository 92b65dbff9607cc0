import {
  ApprovalDecision,
  ApprovalRequest,
  ApprovalRule,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  MoveOutcome,
  MovePlan,
  PointerKey,
  PointerState,
} from './PointerStore';

/** An approval request as stored (without what depends on who reads it). */
export type ApprovalRecord = Omit<ApprovalRequest, 'mayDecide'>;

/** A request to record. */
export type NewApprovalRequest = PointerKey & {
  kind: 'promote' | 'rollback';
  targetVersion: number;
  fromVersion: number | null;
  pointerRevision: number;
  requestedBy: string;
  reason: string;
  rule: ApprovalRule;
  expiresAt: Date;
};

/** What to record about a request, as the caller's rules decide on its locked state. */
export type DecisionPlan<R> =
  | { kind: 'refuse'; refusal: R }
  | {
      kind: 'record';
      decision: Omit<ApprovalDecision, 'at'>;
      /** The request's status after the decision. */
      status: ApprovalRequest['status'];
      /** Whether the decision completes the request: then the pointer moves in the same transaction. */
      move: boolean;
    };

/** What deciding did. */
export type DecideOutcome<R> =
  | { kind: 'missing' }
  | { kind: 'refused'; refusal: R }
  | {
      kind: 'recorded';
      request: ApprovalRecord;
      /** The move, when the decision completed the request. */
      moved?: Extract<MoveOutcome<R>, { kind: 'moved' }>;
    };

/** Approval requests and the append-only record of every decision on them. */
export interface ApprovalStore {
  create(request: NewApprovalRequest): Promise<ApprovalRecord>;
  get(id: string): Promise<ApprovalRecord | undefined>;
  list(filter: {
    status?: ApprovalRequest['status'];
    modelName?: string;
    requestedBy?: string;
    limit: number;
  }): Promise<ApprovalRecord[]>;
  /**
   * Decides on a request in one transaction: locks it, asks `decide` what to record; when that completes
   * the request, moves the pointer with `plan` (the move's rules) and links the move to the request.
   * When the move is refused, nothing is recorded and the refusal is answered.
   */
  decide<R>(
    id: string,
    decide: (request: ApprovalRecord) => DecisionPlan<R>,
    plan: (
      request: ApprovalRecord,
      state: PointerState,
      loadVersion: (number: number) => Promise<ModelVersion | undefined>,
    ) => Promise<MovePlan<R>> | MovePlan<R>,
  ): Promise<DecideOutcome<R>>;
  /** Marks pending requests past their expiry expired; answers them. */
  expireDue(now: Date): Promise<ApprovalRecord[]>;
}

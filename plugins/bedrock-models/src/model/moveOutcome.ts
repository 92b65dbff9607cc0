import {
  AliasPointer,
  isApprovalRequested,
  MAX_REASON_LENGTH,
  PointerMoveResult,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { approvalNotice, NameOf } from './approvalNotice';
import { callersNotice } from './callersNotice';

/**
 * What a rollback that undoes a move needs: the pointer as the move left it (the page may not have
 * read it again yet), and the reason to fill in.
 */
export type UndoTarget = {
  alias: string;
  region: string;
  reason: string;
  pointer: AliasPointer;
};

/**
 * What a promote or rollback came to, as the page confirms it: the pointer moved (and can be undone,
 * when it names another version to go back to), or an approval request was opened and nothing moved.
 */
export type MoveOutcome =
  | {
      kind: 'moved';
      summary: string;
      undo?: UndoTarget;
      /** What the move went ahead despite (an evaluation gate that warns). */
      warnings?: string[];
    }
  | { kind: 'requested'; summary: string; requestId: string };

/** "Undo of the promote of production in us-east-1 to version 3 (fewer refusals)", within the reason limit. */
export function undoReason(move: {
  kind: 'promote' | 'rollback';
  alias: string;
  region: string;
  toVersion: number;
  reason: string;
}): string {
  const text = `Undo of the ${move.kind} of ${move.alias} in ${move.region} to version ${move.toVersion} (${move.reason})`;
  return text.length <= MAX_REASON_LENGTH
    ? text
    : `${text.slice(0, MAX_REASON_LENGTH - 2)}…)`;
}

/**
 * The outcome of a promote or rollback answer: what moved and what callers see (with Undo when the
 * pointer has a version to go back to), or the approval request it became.
 */
export function moveOutcome(
  result: PointerMoveResult,
  /** What moved, for the confirmation: "Version 3 now serves production in us-east-1." */
  movedSummary: (moved: { toVersion: number; emergency?: boolean }) => string,
  /** How an approval request names its approvers (display names); by default their refs. */
  nameOf?: NameOf,
): MoveOutcome {
  if (isApprovalRequested(result)) {
    return {
      kind: 'requested',
      summary: approvalNotice(result.approvalRequest, nameOf),
      requestId: result.approvalRequest.id,
    };
  }
  const { move, pointer } = result;
  return {
    kind: 'moved',
    summary: `${movedSummary(move)} ${callersNotice(result)}`,
    ...(result.warnings?.length ? { warnings: result.warnings } : {}),
    ...(pointer.rollbackTarget !== undefined
      ? {
          undo: {
            alias: pointer.alias,
            region: pointer.region,
            reason: undoReason(move),
            pointer,
          },
        }
      : {}),
  };
}

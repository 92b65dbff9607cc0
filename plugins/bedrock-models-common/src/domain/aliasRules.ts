import { AliasMove, VersionRef } from './registryTypes';

/**
 * Longest reason accepted for a promote, rollback or retire.
 *
 * @public
 */
export const MAX_REASON_LENGTH = 1000;

/**
 * The outcome of checking a pointer move.
 *
 * @public
 */
export type MoveCheck =
  | { kind: 'ok' }
  /** The request cannot be done as asked: 400, with each problem phrased as what to fix. */
  | { kind: 'invalid'; problems: string[] }
  /** The caller's view is stale: 409, with what the pointer names now. */
  | { kind: 'conflict'; current: number | null; message: string };

/**
 * Whether the caller saw the pointer as it is: a conflict naming what it names now when not.
 * `believedCurrent` undefined means the caller did not say (no check).
 *
 * @public
 */
export function checkStaleness(input: {
  pointerRegion: string;
  alias: string;
  current: number | null;
  believedCurrent?: number | null;
  /** Who last moved the pointer and when, so a refused caller learns who got there first. */
  lastMove?: { actor: string; at: string };
}): MoveCheck {
  const { pointerRegion, alias, current, believedCurrent, lastMove } = input;
  if (believedCurrent === undefined || believedCurrent === current) {
    return { kind: 'ok' };
  }
  const named = (version: number | null) =>
    version === null ? 'no version' : `version ${version}`;
  return {
    kind: 'conflict',
    current,
    message: `The ${alias} pointer in ${pointerRegion} now names ${named(
      current,
    )}, not ${named(believedCurrent)}: ${
      lastMove
        ? `${lastMove.actor} moved it at ${lastMove.at}`
        : 'someone moved it'
    }. Reload and try again.`,
  };
}

/**
 * Whether a version may become the target of a pointer: it must be ready, be in the pointer's Region,
 * differ from what the pointer names, and the caller must have seen the pointer's current state.
 * `believedCurrent` undefined means the caller did not say (no stale-state check).
 *
 * @public
 */
export function checkPointerMove(input: {
  version: VersionRef & { accountId?: string };
  pointerRegion: string;
  /** The account the pointer lives in; undefined before its first move. */
  pointerAccountId?: string;
  alias: string;
  current: number | null;
  believedCurrent?: number | null;
  reason: string;
  lastMove?: { actor: string; at: string };
}): MoveCheck {
  const { version, pointerRegion, alias, current, believedCurrent, reason } =
    input;
  const stale = checkStaleness({
    pointerRegion,
    alias,
    current,
    believedCurrent,
    lastMove: input.lastMove,
  });
  if (stale.kind !== 'ok') {
    return stale;
  }
  const { pointerAccountId } = input;
  if (
    pointerAccountId &&
    version.accountId &&
    version.accountId !== pointerAccountId
  ) {
    // Callers read the pointer's SSM parameter in its own account: naming a version of another account
    // would leave that parameter naming the old version, with nobody updating it.
    return {
      kind: 'conflict',
      current,
      message: `Version ${version.number} is in account ${version.accountId}, but the ${alias} pointer in ${pointerRegion} lives in account ${pointerAccountId}, where its callers read it; a pointer never names a version of another account. Import the version into ${pointerAccountId}.`,
    };
  }
  const problems: string[] = [];
  if (version.region !== pointerRegion) {
    problems.push(
      `Version ${version.number} was imported into ${version.region}, so it cannot serve the ${alias} pointer in ${pointerRegion}; a model serves only in the Region it was imported into.`,
    );
  }
  if (version.status !== 'ready') {
    problems.push(
      `Version ${version.number} is ${version.status}, not ready: only a ready version can be promoted.`,
    );
  }
  if (current === version.number) {
    problems.push(
      `The ${alias} pointer in ${pointerRegion} already names version ${version.number}.`,
    );
  }
  if (reason.trim().length === 0) {
    problems.push('Give a reason for the move; it is kept in the history.');
  } else if (reason.length > MAX_REASON_LENGTH) {
    problems.push(
      `The reason is ${reason.length} characters long: use at most ${MAX_REASON_LENGTH}.`,
    );
  }
  return problems.length > 0 ? { kind: 'invalid', problems } : { kind: 'ok' };
}

/**
 * The version a pointer names after its history, or null if it never moved.
 *
 * @public
 */
export function currentVersion(history: AliasMove[]): number | null {
  return history.length > 0 ? history[history.length - 1].toVersion : null;
}

/**
 * The version a rollback moves to: the most recent version in the pointer's history that differs
 * from the current one (like `cd -`: rolling back twice returns to where it started).
 * Undefined when the pointer has never named another version.
 *
 * @public
 */
export function rollbackTarget(history: AliasMove[]): number | undefined {
  const current = currentVersion(history);
  for (let i = history.length - 1; i >= 0; i--) {
    const { toVersion, fromVersion } = history[i];
    if (toVersion !== current) return toVersion;
    if (fromVersion !== null && fromVersion !== current) return fromVersion;
  }
  return undefined;
}

/**
 * What the pointer named at a point in time: answers "what served production for model X in
 * Region R at time T". History must be in the order of the moves. Null before its first move.
 *
 * @public
 */
export function versionAt(history: AliasMove[], at: Date): number | null {
  let named: number | null = null;
  for (const move of history) {
    if (Date.parse(move.at) > at.getTime()) break;
    named = move.toVersion;
  }
  return named;
}

/**
 * Whether a version may be retired (its imported model deleted): not while a pointer names it.
 *
 * @public
 */
export function checkRetirement(input: {
  version: VersionRef;
  pointersNamingIt: Array<{ alias: string; region: string }>;
}): MoveCheck {
  const { version, pointersNamingIt } = input;
  if (pointersNamingIt.length > 0) {
    const names = pointersNamingIt
      .map(p => `${p.alias} in ${p.region}`)
      .join(', ');
    return {
      kind: 'conflict',
      current: version.number,
      message: `Version ${version.number} cannot be retired while ${names} names it: promote another version first.`,
    };
  }
  if (version.status !== 'ready') {
    return {
      kind: 'invalid',
      problems: [
        `Version ${version.number} is ${version.status}: only a ready version can be retired.`,
      ],
    };
  }
  return { kind: 'ok' };
}

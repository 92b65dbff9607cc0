import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  checkPointerMove,
  checkStaleness,
  MoveCheck,
  PointerMoveResponse,
  rollbackTarget,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { parameterNameFor, RegistryConfig } from '../config/readRegistryConfig';
import { ModelStore } from '../database/ModelStore';
import {
  MovePlan,
  PointerKey,
  PointerState,
  PointerStore,
} from '../database/PointerStore';
import { ModelVersion } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { SsmPublisher } from '../workers/SsmPublisher';
import { toAliasPointer } from './pointerViews';
import { RegistryChanges } from './RegistryChanges';

/** How long a request waits for SSM to name the new version before it answers `published: false`. */
export const PUBLISH_IN_REQUEST_MS = 2_000;

/** A promote or rollback, as the service layer receives it. */
export type PointerMoveCommand = PointerKey & {
  actor: string;
  reason: string;
  /** The version the caller believes the pointer names; undefined skips the stale-state check. */
  expectedCurrentVersion?: number | null;
  /** Plan and check everything, change nothing. */
  dryRun?: boolean;
} & ({ kind: 'promote'; version: number } | { kind: 'rollback' });

/** The HTTP error a refused move check stands for. */
function refusalOf(check: MoveCheck): Error | undefined {
  if (check.kind === 'conflict') return new ConflictError(check.message);
  if (check.kind === 'invalid') return new InputError(check.problems.join(' '));
  return undefined;
}

/**
 * Moves alias pointers: the rules of what may move (from -common) applied inside the store's
 * transaction, then the SSM write right after the commit, so callers see the new ARN within the
 * request; the outbox retries whatever the request could not publish.
 */
export class PromotionService {
  constructor(
    private readonly deps: {
      models: ModelStore;
      pointers: PointerStore;
      publisher: SsmPublisher;
      changes: RegistryChanges;
      config: RegistryConfig;
      /** Asks the scheduled publisher to try again now. */
      retryPublishing: () => void;
    },
  ) {}

  async move(command: PointerMoveCommand): Promise<PointerMoveResponse> {
    const { models, pointers, config } = this.deps;
    if (!(await models.getModel(command.modelName))) {
      throw new NotFoundError(`There is no model named ${command.modelName}.`);
    }
    const key: PointerKey = {
      modelName: command.modelName,
      alias: command.alias,
      region: command.region,
    };
    const outcome = await pointers.movePointer<Error>(
      key,
      (state, loadVersion) => this.plan(command, state, loadVersion),
      { dryRun: command.dryRun },
    );
    if (outcome.kind === 'refused') throw outcome.refusal;

    const pointer = toAliasPointer(config, outcome.pointer, outcome.move);
    if (command.dryRun) {
      return { move: outcome.move, pointer, published: false, dryRun: true };
    }
    const published = await this.deps.publisher.publishPointer(
      key,
      PUBLISH_IN_REQUEST_MS,
    );
    if (!published) this.deps.retryPublishing();
    this.deps.changes.announce({
      kind: 'pointer-moved',
      modelName: key.modelName,
      alias: key.alias,
      region: key.region,
      fromVersion: outcome.move.fromVersion,
      toVersion: outcome.move.toVersion,
    });
    return {
      move: outcome.move,
      pointer,
      published,
      dryRun: false,
      outboxId: outcome.outboxId,
    };
  }

  /** Decides the move on the pointer's locked state: the target, and every rule it must pass. */
  private async plan(
    command: PointerMoveCommand,
    state: PointerState,
    loadVersion: (number: number) => Promise<ModelVersion | undefined>,
  ): Promise<MovePlan<Error>> {
    const { alias, region, modelName } = command;
    const current = state.pointer?.version ?? null;
    const lastMove = state.pointer
      ? { actor: state.pointer.updatedBy, at: state.pointer.updatedAt }
      : undefined;
    let targetNumber: number;
    if (command.kind === 'rollback') {
      // The target depends on the history the caller saw, so a stale caller is refused first.
      const stale = refusalOf(
        checkStaleness({
          pointerRegion: region,
          alias,
          current,
          believedCurrent: command.expectedCurrentVersion,
          lastMove,
        }),
      );
      if (stale) return { kind: 'refuse', refusal: stale };
      const target = rollbackTarget(state.history);
      if (target === undefined) {
        return {
          kind: 'refuse',
          refusal: new ConflictError(
            `The ${alias} pointer of ${modelName} in ${region} has never named another version, so there is nothing to roll back to.`,
          ),
        };
      }
      targetNumber = target;
    } else {
      targetNumber = command.version;
    }
    const target = await loadVersion(targetNumber);
    if (!target) {
      return {
        kind: 'refuse',
        refusal: new NotFoundError(
          `Model ${modelName} has no version ${targetNumber}.`,
        ),
      };
    }
    const refusal = refusalOf(
      checkPointerMove({
        version: target,
        pointerRegion: region,
        pointerAccountId: state.pointer?.accountId || undefined,
        alias,
        current,
        believedCurrent: command.expectedCurrentVersion,
        reason: command.reason,
        lastMove,
      }),
    );
    if (refusal) return { kind: 'refuse', refusal };
    return {
      kind: 'move',
      move: {
        kind: command.kind,
        target,
        actor: command.actor,
        reason: command.reason,
        parameterName: parameterNameFor(this.deps.config, modelName, alias),
      },
    };
  }
}

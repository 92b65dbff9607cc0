import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ApprovalRequestResponse,
  approvalRuleFor,
  checkPointerMove,
  checkStaleness,
  MoveCheck,
  moveGate,
  PointerMoveResponse,
  rollbackTarget,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { parameterNameFor, RegistryConfig } from '../config/readRegistryConfig';
import { ModelStore } from '../database/ModelStore';
import {
  MoveOutcome,
  MovePlan,
  PointerKey,
  PointerState,
  PointerStore,
} from '../database/PointerStore';
import { ApprovalRequests } from './ApprovalRequests';
import { EvaluationService } from './EvaluationService';
import { RegistryNotifier } from './RegistryNotifier';
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
  /** The caller and the groups they belong to (approval rules depend on ownership). */
  callerOwnershipRefs?: string[];
} & ({ kind: 'promote'; version: number } | { kind: 'rollback' });

/** What a move carried out for an approval request records. */
export type MoveOrigin = {
  approval?: { requestId: string; requestedBy: string; approvedBy: string[] };
  emergency?: boolean;
};

/** The HTTP error a refused move check stands for. */
function refusalOf(check: MoveCheck): Error | undefined {
  if (check.kind === 'conflict') return new ConflictError(check.message);
  if (check.kind === 'invalid') return new InputError(check.problems.join(' '));
  return undefined;
}

/**
 * Moves alias pointers: the rules of what may move (from -common) applied inside the store's
 * transaction, then the SSM write right after the commit, so callers see the new ARN within the
 * request; the outbox retries whatever the request could not publish. A move an approval rule covers
 * becomes a request (ApprovalService); an alias's evaluation gate may block or warn about a promote.
 */
export class PromotionService {
  constructor(
    private readonly deps: {
      models: ModelStore;
      pointers: PointerStore;
      publisher: SsmPublisher;
      changes: RegistryChanges;
      config: RegistryConfig;
      evaluations: EvaluationService;
      approvals: ApprovalRequests;
      notifier: RegistryNotifier;
      /** Asks the scheduled publisher to try again now. */
      retryPublishing: () => void;
    },
  ) {}

  async move(
    command: PointerMoveCommand,
  ): Promise<PointerMoveResponse | ApprovalRequestResponse> {
    const { models, pointers, config } = this.deps;
    const model = await models.getModel(command.modelName);
    if (!model) {
      throw new NotFoundError(`There is no model named ${command.modelName}.`);
    }
    const key: PointerKey = {
      modelName: command.modelName,
      alias: command.alias,
      region: command.region,
    };
    const rule = approvalRuleFor(config.approvals, {
      alias: command.alias,
      classification: model.classification,
    });
    const gate = moveGate({
      rule,
      kind: command.kind,
      callerOwnsModel: (command.callerOwnershipRefs ?? []).includes(
        model.owner,
      ),
    });
    const gateOfAlias = config.evaluationGates.some(
      g => g.alias === command.alias,
    );
    // Plans on the pointer as it is when the answer needs the plan (a dry run, or a request to open);
    // the real move plans again inside its own transaction.
    const planned =
      command.dryRun || gate.kind === 'approval'
        ? await pointers.movePointer<Error>(
            key,
            (state, loadVersion) =>
              this.planMove(command, state, loadVersion, {}),
            { dryRun: true },
          )
        : undefined;
    if (planned?.kind === 'refused') throw planned.refusal;
    const evaluation =
      command.kind === 'promote' && gateOfAlias
        ? await this.deps.evaluations.gateView({
            ...key,
            version: command.version,
            current: (await pointers.getPointer(key))?.version ?? null,
          })
        : undefined;
    const gateInfo = {
      ...(rule ? { approvalRule: rule } : {}),
      needsApproval: gate.kind === 'approval',
      ...(evaluation ? { evaluation } : {}),
    };
    if (command.dryRun && planned) {
      return {
        move: planned.move,
        pointer: toAliasPointer(config, planned.pointer, planned.move),
        published: false,
        dryRun: true,
        ...gateInfo,
      };
    }
    if (evaluation?.verdict === 'block') {
      throw new ConflictError(evaluation.message!);
    }
    if (gate.kind === 'approval' && planned) {
      const approvalRequest = await this.deps.approvals.open({
        ...key,
        kind: command.kind,
        targetVersion: planned.move.toVersion,
        fromVersion: planned.move.fromVersion,
        pointerRevision: planned.pointer.revision - 1,
        requestedBy: command.actor,
        reason: command.reason,
        rule: gate.rule,
      });
      return { approvalRequest };
    }
    const outcome = await pointers.movePointer<Error>(
      key,
      (state, loadVersion) =>
        this.planMove(command, state, loadVersion, {
          emergency: gate.kind === 'emergency',
        }),
    );
    if (outcome.kind === 'refused') throw outcome.refusal;
    const moved = await this.afterMove(outcome);
    return {
      ...moved,
      ...gateInfo,
      needsApproval: false,
      ...(evaluation?.verdict === 'warn'
        ? { warnings: [evaluation.message!] }
        : {}),
    };
  }

  /**
   * What follows a committed move: the SSM write (within about 2 s, else left to the outbox), the
   * change announced, and the owners told.
   */
  async afterMove(
    outcome: Extract<MoveOutcome<Error>, { kind: 'moved' }>,
  ): Promise<PointerMoveResponse> {
    const { move } = outcome;
    const key = {
      modelName: move.modelName,
      alias: move.alias,
      region: move.region,
    };
    const published = await this.deps.publisher.publishPointer(
      key,
      PUBLISH_IN_REQUEST_MS,
    );
    if (!published) this.deps.retryPublishing();
    this.deps.changes.announce({
      kind: 'pointer-moved',
      ...key,
      fromVersion: move.fromVersion,
      toVersion: move.toVersion,
    });
    void this.deps.notifier.pointerMoved(move);
    return {
      move,
      pointer: toAliasPointer(this.deps.config, outcome.pointer, move),
      published,
      dryRun: false,
      outboxId: outcome.outboxId,
    };
  }

  /** Decides the move on the pointer's locked state: the target, and every rule it must pass. */
  async planMove(
    command: PointerMoveCommand,
    state: PointerState,
    loadVersion: (number: number) => Promise<ModelVersion | undefined>,
    origin: MoveOrigin,
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
        ...origin,
      },
    };
  }
}

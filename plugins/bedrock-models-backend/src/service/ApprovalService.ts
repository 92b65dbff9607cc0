import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  ApprovalRequest,
  checkApprover,
  DecisionResponse,
  isSatisfied,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  ApprovalRecord,
  ApprovalStore,
  DecisionPlan,
} from '../database/ApprovalStore';
import { ModelStore } from '../database/ModelStore';
import { PromotionService } from './PromotionService';
import { RegistryNotifier } from './RegistryNotifier';

/** Who decides, as far as the approval rules look at them. */
export type Decider = {
  actor: string;
  /** The decider and the groups they belong to. */
  ownershipRefs: string[];
  /** A portal admin (may cancel anyone's request). */
  isAdmin: boolean;
};

/** The system's name in the decisions it records (expiry, a request gone stale). */
const SYSTEM = 'bedrock-models:approvals';

/** The pointer moved since the request was made: it can never be carried out. */
class StaleRequestError extends ConflictError {}

/**
 * Decides approval requests. The approval that satisfies a request's rule moves the pointer in the
 * same transaction, which checks the pointer still has the revision the request was made against:
 * otherwise the request is stale (409) and nothing moves. Two approvers at once move it once.
 */
export class ApprovalService {
  constructor(
    private readonly deps: {
      approvals: ApprovalStore;
      models: ModelStore;
      promotion: PromotionService;
      notifier: RegistryNotifier;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /** Whether `decider` may approve or reject a request: not its requester, and one of its approvers. */
  async mayDecide(
    request: ApprovalRecord,
    decider: Decider,
  ): Promise<string | undefined> {
    const model = await this.deps.models.getModel(request.modelName);
    return checkApprover({
      rule: request.rule,
      requestedBy: request.requestedBy,
      approver: decider.actor,
      approverOwnershipRefs: decider.ownershipRefs,
      modelOwner: model?.owner ?? '',
    });
  }

  /** A request as `decider` sees it: with whether they may decide on it. */
  async view(
    request: ApprovalRecord,
    decider: Decider,
  ): Promise<ApprovalRequest> {
    return {
      ...request,
      mayDecide:
        request.status === 'pending' &&
        !(await this.mayDecide(request, decider)),
    };
  }

  async get(id: string, decider: Decider): Promise<ApprovalRequest> {
    const request = await this.deps.approvals.get(id);
    if (!request)
      throw new NotFoundError(`There is no approval request ${id}.`);
    return this.view(request, decider);
  }

  async list(
    filter: {
      status?: ApprovalRequest['status'];
      modelName?: string;
      mine?: 'decide' | 'requested';
    },
    decider: Decider,
  ): Promise<ApprovalRequest[]> {
    const requests = await this.deps.approvals.list({
      status: filter.status,
      modelName: filter.modelName,
      requestedBy: filter.mine === 'requested' ? decider.actor : undefined,
      limit: 200,
    });
    const views = await Promise.all(requests.map(r => this.view(r, decider)));
    return filter.mine === 'decide' ? views.filter(v => v.mayDecide) : views;
  }

  /** A decision's checks common to approve and reject: pending, not expired, the decider's right. */
  private async openFor(id: string, decider: Decider): Promise<ApprovalRecord> {
    const request = await this.deps.approvals.get(id);
    if (!request)
      throw new NotFoundError(`There is no approval request ${id}.`);
    const refusal = await this.mayDecide(request, decider);
    if (refusal) throw new NotAllowedError(refusal);
    return request;
  }

  /** The checks made again on the locked request, where concurrent deciders meet. */
  private stillOpen(request: ApprovalRecord): Error | undefined {
    if (request.status !== 'pending') {
      return new ConflictError(
        `The request is already ${request.status}${
          request.decidedAt ? ` (since ${request.decidedAt})` : ''
        }.`,
      );
    }
    if (Date.parse(request.expiresAt) <= this.now().getTime()) {
      return new ConflictError(
        `The request expired at ${request.expiresAt}; ask for the move again.`,
      );
    }
    return undefined;
  }

  async approve(
    id: string,
    decider: Decider,
    reason: string,
  ): Promise<DecisionResponse> {
    await this.openFor(id, decider);
    const { promotion } = this.deps;
    let approvedBy: string[] = [];
    const outcome = await this.deps.approvals.decide<Error>(
      id,
      (request): DecisionPlan<Error> => {
        const closed = this.stillOpen(request);
        if (closed) return { kind: 'refuse', refusal: closed };
        const earlier = request.decisions
          .filter(d => d.decision === 'approve')
          .map(d => d.actor);
        if (earlier.includes(decider.actor)) {
          return {
            kind: 'refuse',
            refusal: new ConflictError('You approved this request already.'),
          };
        }
        approvedBy = [...earlier, decider.actor];
        const satisfied = isSatisfied(request.rule, approvedBy);
        return {
          kind: 'record',
          decision: { actor: decider.actor, decision: 'approve', reason },
          status: satisfied ? 'approved' : 'pending',
          move: satisfied,
        };
      },
      (request, state, loadVersion) => {
        if ((state.pointer?.revision ?? 0) !== request.pointerRevision) {
          return {
            kind: 'refuse',
            refusal: new StaleRequestError(
              `The ${request.alias} pointer of ${request.modelName} in ${
                request.region
              } moved since this request was made (it names ${
                state.pointer
                  ? `version ${state.pointer.version}`
                  : 'no version'
              } now, moved by ${
                state.pointer?.updatedBy ?? 'someone'
              }): the request is stale and nothing moved. Ask for the move again from the current state.`,
            ),
          };
        }
        return promotion.planMove(
          {
            modelName: request.modelName,
            alias: request.alias,
            region: request.region,
            actor: decider.actor,
            reason: request.reason,
            expectedCurrentVersion: request.fromVersion,
            ...(request.kind === 'promote'
              ? { kind: 'promote' as const, version: request.targetVersion }
              : { kind: 'rollback' as const }),
          },
          state,
          loadVersion,
          {
            approval: {
              requestId: request.id,
              requestedBy: request.requestedBy,
              approvedBy,
            },
          },
        );
      },
    );
    if (outcome.kind === 'missing') {
      throw new NotFoundError(`There is no approval request ${id}.`);
    }
    if (outcome.kind === 'refused') {
      // A request the pointer has moved past can never be carried out: it ends stale.
      if (outcome.refusal instanceof StaleRequestError) {
        await this.close(id, 'stale', SYSTEM, outcome.refusal.message);
      }
      throw outcome.refusal;
    }
    const move = outcome.moved
      ? await promotion.afterMove(outcome.moved)
      : undefined;
    if (outcome.request.status !== 'pending') {
      void this.deps.notifier.approvalDecided(outcome.request);
    }
    return {
      approvalRequest: await this.view(outcome.request, decider),
      ...(move ? { move } : {}),
    };
  }

  async reject(
    id: string,
    decider: Decider,
    reason: string,
  ): Promise<DecisionResponse> {
    await this.openFor(id, decider);
    const request = await this.close(id, 'rejected', decider.actor, reason);
    return { approvalRequest: await this.view(request, decider) };
  }

  async cancel(
    id: string,
    decider: Decider,
    reason: string,
  ): Promise<DecisionResponse> {
    const request = await this.deps.approvals.get(id);
    if (!request)
      throw new NotFoundError(`There is no approval request ${id}.`);
    if (request.requestedBy !== decider.actor && !decider.isAdmin) {
      throw new NotAllowedError(
        `Only ${request.requestedBy}, who asked for it, or a portal admin may cancel this request.`,
      );
    }
    const cancelled = await this.close(id, 'cancelled', decider.actor, reason);
    return { approvalRequest: await this.view(cancelled, decider) };
  }

  /** Ends a pending request without a move: rejected, cancelled or stale. */
  private async close(
    id: string,
    status: 'rejected' | 'cancelled' | 'stale',
    actor: string,
    reason: string,
  ): Promise<ApprovalRecord> {
    const decision = {
      rejected: 'reject',
      cancelled: 'cancel',
      stale: 'stale',
    } as const;
    const outcome = await this.deps.approvals.decide<Error>(
      id,
      request => {
        const closed = this.stillOpen(request);
        if (closed && !(status === 'stale' && request.status === 'pending')) {
          return { kind: 'refuse', refusal: closed };
        }
        return {
          kind: 'record',
          decision: { actor, decision: decision[status], reason },
          status,
          move: false,
        };
      },
      () => ({ kind: 'refuse', refusal: new Error('no move') }),
    );
    if (outcome.kind === 'missing') {
      throw new NotFoundError(`There is no approval request ${id}.`);
    }
    if (outcome.kind === 'refused') throw outcome.refusal;
    void this.deps.notifier.approvalDecided(outcome.request);
    return outcome.request;
  }

  /** Marks requests past their expiry expired and tells their requesters; answers how many. */
  async expireDue(): Promise<number> {
    const expired = await this.deps.approvals.expireDue(this.now());
    for (const request of expired)
      void this.deps.notifier.approvalDecided(request);
    return expired.length;
  }
}

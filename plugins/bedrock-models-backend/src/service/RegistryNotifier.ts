import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  ApprovalRequest,
  MODEL_OWNERS,
  ModelVersion,
  PointerMove,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { RegistryConfig } from '../config/readRegistryConfig';
import { ModelStore } from '../database/ModelStore';

/** Where a model's page is: its Bedrock tab in the catalog. */
const modelPage = (modelName: string) =>
  `/catalog/default/resource/${modelName}/bedrock`;
/** Where approvers decide: the frontend's Approvals page, showing this request first. */
const approvalPage = (requestId: string) =>
  `/bedrock-models/approvals?request=${encodeURIComponent(requestId)}`;

/**
 * Tells the people concerned what happened, through Backstage notifications (and signals, to open
 * pages): each message links to the page where one acts. Never fails the change it reports.
 */
export class RegistryNotifier {
  constructor(
    private readonly deps: {
      notifications?: NotificationService;
      models: ModelStore;
      config: RegistryConfig;
      logger: LoggerService;
    },
  ) {}

  private async send(
    entityRef: string[],
    payload: {
      title: string;
      description: string;
      link: string;
      severity?: 'critical' | 'high' | 'normal' | 'low';
      topic: string;
    },
    exclude?: string,
  ) {
    const recipients = [...new Set(entityRef.filter(Boolean))];
    if (!this.deps.notifications || recipients.length === 0) return;
    await this.deps.notifications
      .send({
        recipients: {
          type: 'entity',
          entityRef: recipients,
          ...(exclude ? { excludeEntityRef: exclude } : {}),
        },
        payload,
      })
      .catch(error =>
        this.deps.logger.warn(`Could not send "${payload.title}": ${error}`),
      );
  }

  private async owner(modelName: string): Promise<string> {
    return (await this.deps.models.getModel(modelName))?.owner ?? '';
  }

  /** An import ended (ready or failed): to whoever started it and the model's owners. */
  async importEnded(version: ModelVersion): Promise<void> {
    if (version.status !== 'ready' && version.status !== 'failed') return;
    const ready = version.status === 'ready';
    await this.send([version.createdBy, await this.owner(version.modelName)], {
      title: ready
        ? `${version.modelName} v${version.number} is ready`
        : `The import of ${version.modelName} v${version.number} failed`,
      description: ready
        ? `Version ${version.number} is imported in ${version.region} and can be promoted.`
        : version.failureMessage ?? 'The import job failed.',
      link: modelPage(version.modelName),
      severity: ready ? 'normal' : 'high',
      topic: 'bedrock-models:import',
    });
  }

  /** A pointer moved: to the model's owners (but not the one who moved it). */
  async pointerMoved(move: PointerMove): Promise<void> {
    await this.send(
      [await this.owner(move.modelName)],
      {
        title: `${move.modelName}: ${move.alias} in ${move.region} now serves v${move.toVersion}`,
        description: `${move.actor} ${
          move.kind === 'rollback' ? 'rolled it back' : 'promoted it'
        }${move.emergency ? ' as an emergency, without approval' : ''}${
          move.fromVersion !== null ? ` from v${move.fromVersion}` : ''
        }: ${move.reason}`,
        link: modelPage(move.modelName),
        severity: move.emergency ? 'high' : 'normal',
        topic: 'bedrock-models:pointer',
      },
      move.actor,
    );
  }

  /** A move waits for approval: to those who may approve (never the requester). */
  async approvalRequested(request: ApprovalRequest): Promise<void> {
    const owner = await this.owner(request.modelName);
    await this.send(
      request.rule.approvers.map(ref => (ref === MODEL_OWNERS ? owner : ref)),
      {
        title: `Approval asked: ${request.modelName} ${request.alias} in ${request.region} to v${request.targetVersion}`,
        description: `${request.requestedBy} asks to ${request.kind} it: ${request.reason}. It expires at ${request.expiresAt}.`,
        link: approvalPage(request.id),
        severity: 'high',
        topic: 'bedrock-models:approval',
      },
      request.requestedBy,
    );
  }

  /** A request was decided (or expired, or went stale): to its requester. */
  async approvalDecided(request: ApprovalRequest): Promise<void> {
    const last = request.decisions[request.decisions.length - 1];
    await this.send([request.requestedBy], {
      title: `Your request to ${request.kind} ${request.modelName} ${request.alias} to v${request.targetVersion} is ${request.status}`,
      description: last
        ? `${last.actor}: ${last.reason}`
        : `The request is ${request.status}.`,
      link: modelPage(request.modelName),
      severity: request.status === 'approved' ? 'normal' : 'high',
      topic: 'bedrock-models:approval',
    });
  }

  /** SSM has not taken a pointer's value for a while: to its owners and the admins. */
  async publishingFailing(pointer: {
    modelName: string;
    alias: string;
    region: string;
    since: Date;
    lastError?: string;
  }): Promise<void> {
    await this.send(
      [await this.owner(pointer.modelName), ...this.deps.config.adminGroups],
      {
        title: `SSM does not name ${pointer.modelName}'s ${pointer.alias} pointer in ${pointer.region} yet`,
        description: `Publishing has failed since ${pointer.since.toISOString()}${
          pointer.lastError ? ` (${pointer.lastError})` : ''
        }; callers still read the previous ARN. The portal keeps retrying; check the portal role's ssm:PutParameter permission.`,
        link: modelPage(pointer.modelName),
        severity: 'critical',
        topic: 'bedrock-models:publishing',
      },
    );
  }

  /** Someone changed a pointer's SSM parameter and the reconciler put it back: to owners and admins. */
  async driftRepaired(pointer: {
    modelName: string;
    alias: string;
    region: string;
    parameterName: string;
    found?: string;
  }): Promise<void> {
    await this.send(
      [await this.owner(pointer.modelName), ...this.deps.config.adminGroups],
      {
        title: `${pointer.parameterName} had drifted and was put back`,
        description: `It named ${
          pointer.found ?? 'nothing'
        } instead of what the ${pointer.alias} pointer in ${
          pointer.region
        } names; the portal wrote it again. Change pointers in the portal, not in SSM.`,
        link: modelPage(pointer.modelName),
        severity: 'high',
        topic: 'bedrock-models:publishing',
      },
    );
  }
}

import {
  AuthService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import { BEDROCK_MODELS_EVENT_TOPIC } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { BedrockModelsService } from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import {
  EntityMapping,
  ModelEntityMapper,
} from '../entities/ModelEntityMapper';
import { changedModelName } from './changedModelName';
import { readWholeInventory } from './readWholeInventory';
import { RefreshJob, RefreshQueue } from './RefreshQueue';

/** The provider's name, also the location key of its entities. */
export const BEDROCK_MODELS_PROVIDER_NAME = 'bedrock-models';

/**
 * Keeps the catalog's models and versions in step with the bedrock-models backend, reading them
 * through its client with this plugin's own service credentials: everything on a schedule (full
 * mutation), and one model at once when the backend announces a change (delta mutation).
 */
export class BedrockModelsEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly queue = new RefreshQueue(job => this.apply(job));
  // Models as of the last full read, plus any seen since: a delta must not give one of their
  // names to a version entity (see ModelEntityMapper.fromModel).
  private modelNames = new Set<string>();

  constructor(
    private readonly deps: {
      client: BedrockModelsService;
      auth: AuthService;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
      mapper: ModelEntityMapper;
      events?: EventsService;
    },
  ) {}

  getProviderName(): string {
    return BEDROCK_MODELS_PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.deps.events?.subscribe({
      id: `${this.getProviderName()}-entity-provider`,
      topics: [BEDROCK_MODELS_EVENT_TOPIC],
      onEvent: params => this.onChangeEvent(params),
    });
    await this.deps.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
  }

  /** One full re-read (full mutation); scheduled by `connect`, callable on demand. */
  refresh(): Promise<void> {
    return this.queue.full();
  }

  /** Re-reads one model and its versions (delta mutation). */
  refreshModel(modelName: string): Promise<void> {
    return this.queue.model(modelName);
  }

  private async onChangeEvent(params: EventParams): Promise<void> {
    const modelName = changedModelName(params.eventPayload);
    if (!modelName) {
      this.deps.logger.warn(
        `Ignored an event on ${params.topic} that names no model`,
      );
      return;
    }
    try {
      await this.refreshModel(modelName);
    } catch (error) {
      // The scheduled full refresh repairs whatever a missed delta leaves behind.
      this.deps.logger.warn(
        `Could not update the catalog entities of model ${modelName}; the next full refresh will: ${error}`,
      );
    }
  }

  private async apply(job: RefreshJob): Promise<void> {
    const connection = this.connection;
    if (!connection) {
      throw new Error('BedrockModelsEntityProvider is not connected yet');
    }
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    if (job.kind === 'full') {
      const inventory = await readWholeInventory(this.deps.client, credentials);
      const mapping = this.deps.mapper.fromInventory(inventory);
      await connection.applyMutation({
        type: 'full',
        entities: mapping.entities,
      });
      this.modelNames = new Set(inventory.models.map(m => m.name));
      this.warnAboutConflicts(mapping);
      this.deps.logger.info(
        `Full mutation: ${inventory.models.length} models, ${
          mapping.entities.length - inventory.models.length
        } versions`,
      );
      return;
    }

    const details = await this.deps.client.getModel(
      { modelName: job.modelName },
      { credentials },
    );
    if (!details) {
      // Only a full read knows every entity of a model that is gone.
      this.queue
        .full()
        .catch(error =>
          this.deps.logger.warn(
            `Full refresh after model ${job.modelName} vanished failed: ${error}`,
          ),
        );
      return;
    }
    this.modelNames.add(details.model.name);
    const mapping = this.deps.mapper.fromModel(details, this.modelNames);
    // Versions are never deleted from the registry (only marked), so nothing is removed here.
    await connection.applyMutation({
      type: 'delta',
      added: mapping.entities,
      removed: [],
    });
    this.warnAboutConflicts(mapping);
  }

  private warnAboutConflicts(mapping: EntityMapping) {
    if (mapping.nameConflicts.length) {
      this.deps.logger.warn(
        `Version entities left out because a model has the same name: ${mapping.nameConflicts.join(
          ', ',
        )}`,
      );
    }
  }
}

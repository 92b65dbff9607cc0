import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  BedrockModelsClient,
  BedrockModelsRequestOptions,
  BedrockModelsService,
  bedrockModelsServiceRef,
  MovePointerRequest,
} from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import {
  ImportVersionRequest,
  ValidateArtifactsRequest,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** When the backend process "dies" from the scaffolder's point of view. */
export type FreezePoint =
  /** The backend accepted the import, but the answer never reaches the action (no checkpoint saved). */
  | 'import-accepted'
  /** The action saved its checkpoint and starts waiting; its first read never returns. */
  | 'first-wait';

/**
 * The real client, except that from a chosen point on every call hangs forever. A test stops the
 * backend right after: the action of the old backend stays frozen, as if its process had died, instead
 * of living on in the test process and writing to a closed database.
 */
export class FreezingBedrockModelsService implements BedrockModelsService {
  private isFrozen = false;
  private markFrozen!: () => void;
  /** Resolves once the freeze point is reached. */
  readonly frozen = new Promise<void>(resolve => {
    this.markFrozen = resolve;
  });

  constructor(
    private readonly inner: BedrockModelsService,
    private readonly point: FreezePoint,
  ) {}

  private freeze(): Promise<never> {
    this.isFrozen = true;
    this.markFrozen();
    return new Promise<never>(() => {});
  }

  private call<T>(fn: () => Promise<T>): Promise<T> {
    return this.isFrozen ? new Promise<T>(() => {}) : fn();
  }

  getHealth(options: BedrockModelsRequestOptions) {
    return this.call(() => this.inner.getHealth(options));
  }

  getInventory(options: BedrockModelsRequestOptions) {
    return this.call(() => this.inner.getInventory(options));
  }

  getModel(modelName: string, options: BedrockModelsRequestOptions) {
    return this.call(() => this.inner.getModel(modelName, options));
  }

  searchModels(
    query: Record<string, string | number | undefined>,
    options: BedrockModelsRequestOptions,
  ) {
    return this.call(() => this.inner.searchModels(query, options));
  }

  getVersion(
    modelName: string,
    version: number,
    options: BedrockModelsRequestOptions,
  ) {
    if (this.point === 'first-wait' && !this.isFrozen) return this.freeze();
    return this.call(() => this.inner.getVersion(modelName, version, options));
  }

  validateArtifacts(
    request: ValidateArtifactsRequest,
    options: BedrockModelsRequestOptions,
  ) {
    return this.call(() => this.inner.validateArtifacts(request, options));
  }

  importVersion(
    modelName: string,
    request: ImportVersionRequest,
    options: BedrockModelsRequestOptions & { idempotencyKey: string },
  ) {
    return this.call(async () => {
      const answer = await this.inner.importVersion(
        modelName,
        request,
        options,
      );
      return this.point === 'import-accepted' ? this.freeze() : answer;
    });
  }

  promote(
    request: MovePointerRequest & { version: number },
    options: BedrockModelsRequestOptions,
  ) {
    return this.call(() => this.inner.promote(request, options));
  }

  rollback(request: MovePointerRequest, options: BedrockModelsRequestOptions) {
    return this.call(() => this.inner.rollback(request, options));
  }
}

/** Installs a {@link FreezingBedrockModelsService} over the real client; `service` is set once it is created. */
export function freezingBedrockModelsService(point: FreezePoint) {
  const holder: { service?: FreezingBedrockModelsService } = {};
  const factory = createServiceFactory({
    service: bedrockModelsServiceRef,
    deps: { discovery: coreServices.discovery, auth: coreServices.auth },
    factory: ({ discovery, auth }) => {
      holder.service = new FreezingBedrockModelsService(
        new BedrockModelsClient({ discovery, auth }),
        point,
      );
      return holder.service;
    },
  });
  return { factory, holder };
}

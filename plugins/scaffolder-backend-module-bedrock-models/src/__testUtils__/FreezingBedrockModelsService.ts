import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  BedrockModelsService,
  bedrockModelsServiceRef,
  DefaultBedrockModelsService,
} from '@bedrock-portal/backstage-plugin-bedrock-models-node';

/** When the backend process "dies" from the scaffolder's point of view. */
export type FreezePoint =
  /** The backend accepted the import, but the answer never reaches the action (no checkpoint saved). */
  | 'import-accepted'
  /** The action saved its checkpoint and starts waiting; its first read never returns. */
  | 'first-wait';

/** A call that never returns, as one to a process that died. */
const never = () => new Promise<never>(() => {});

/**
 * The real service, except that from a chosen point on every call hangs forever. A test stops the
 * backend right after: the action of the old backend stays frozen, as if its process had died, instead
 * of living on in the test process and writing to a closed database.
 */
export function freezingService(
  inner: BedrockModelsService,
  point: FreezePoint,
) {
  let isFrozen = false;
  let markFrozen = () => {};
  /** Resolves once the freeze point is reached. */
  const frozen = new Promise<void>(resolve => {
    markFrozen = resolve;
  });
  const freeze = () => {
    isFrozen = true;
    markFrozen();
    return never();
  };
  // Every method behaves alike (pass through until frozen), so one handler serves them all.
  const service = new Proxy(inner, {
    get(target, name: keyof BedrockModelsService) {
      const method = target[name] as
        | ((...args: unknown[]) => Promise<unknown>)
        | undefined;
      // Not a method (e.g. `then`, which awaiting the service looks up): as it is.
      if (typeof method !== 'function') return method;
      return async (...args: unknown[]) => {
        if (isFrozen) return never();
        if (name === 'getVersion' && point === 'first-wait') return freeze();
        const answer = await method.apply(target, args);
        if (name === 'importVersion' && point === 'import-accepted') {
          return freeze();
        }
        return isFrozen ? never() : answer;
      };
    },
  });
  return { service, frozen };
}

/** Installs a {@link freezingService} over the real one; `frozen` is set once the service is created. */
export function freezingBedrockModelsService(point: FreezePoint) {
  const holder: { frozen?: Promise<void> } = {};
  const factory = createServiceFactory({
    service: bedrockModelsServiceRef,
    deps: { discovery: coreServices.discovery, auth: coreServices.auth },
    factory: ({ discovery, auth }) => {
      const freezing = freezingService(
        new DefaultBedrockModelsService({ discovery, auth }),
        point,
      );
      holder.frozen = freezing.frozen;
      return freezing.service;
    },
  });
  return { factory, holder };
}

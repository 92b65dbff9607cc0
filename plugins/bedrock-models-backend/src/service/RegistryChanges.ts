import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  BEDROCK_MODELS_EVENT_TOPIC,
  BedrockModelsChangeEvent,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** Reacts to a registry change inside this backend (e.g. starts following a new import at once). */
export type RegistryChangeListener = (event: BedrockModelsChangeEvent) => void;

/**
 * The one way a change leaves the registry: announced on the events service (the catalog module
 * refreshes the affected entities) and given to this backend's own listeners. Never fails the change.
 */
export class RegistryChanges {
  private readonly listeners: RegistryChangeListener[] = [];

  constructor(
    private readonly deps: { events?: EventsService; logger: LoggerService },
  ) {}

  /** Calls `listener` for every change from now on. */
  onChange(listener: RegistryChangeListener): void {
    this.listeners.push(listener);
  }

  announce(event: BedrockModelsChangeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.deps.logger.warn(`A ${event.kind} listener failed: ${error}`);
      }
    }
    this.deps.events
      ?.publish({ topic: BEDROCK_MODELS_EVENT_TOPIC, eventPayload: event })
      .catch(error =>
        this.deps.logger.warn(
          `Could not publish ${event.kind} event: ${error}`,
        ),
      );
  }
}

import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { RegistryCallOptions } from './RegistryService';

/**
 * Runs a change as an audit event: who asked for what, and how it ended, refusals included. The actor
 * is named in the event itself, so calls without an HTTP request (actions) are attributed too.
 */
export async function auditedChange<T>(
  auditor: AuditorService,
  event: {
    eventId: string;
    severityLevel: 'low' | 'medium' | 'high';
    meta: JsonObject;
  },
  options: RegistryCallOptions,
  change: () => Promise<{ result: T; meta: JsonObject }>,
): Promise<T> {
  const principal = options.credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  const audit = await auditor.createEvent({
    eventId: event.eventId,
    severityLevel: event.severityLevel,
    request: options.request,
    meta: {
      ...event.meta,
      actor: principal.userEntityRef ?? principal.subject ?? 'unknown',
    },
  });
  try {
    const { result, meta } = await change();
    await audit.success({ meta });
    return result;
  } catch (error) {
    await audit.fail({ error: error as Error });
    throw error;
  }
}

import { EmulatorResponse, jsonResponse } from './EmulatorRequest';
import { EmulatorContext, EmulatorService } from './EmulatorService';
import { FaultInjector, parseFaultRules } from './FaultInjector';

/** Every admin path starts here; no AWS API has a path that does. */
export const ADMIN_PREFIX = '/_emulator/';

function badRequest(message: string): EmulatorResponse {
  return jsonResponse(400, { message });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8') || 'null');
  } catch {
    throw new TypeError('The body is not valid JSON');
  }
}

/**
 * The admin API, for tests and drills:
 * - `GET /_emulator/health`: up, with the services and options in force.
 * - `GET|PUT|DELETE /_emulator/faults`: read, replace (JSON array of rules) or clear injected faults.
 * - `POST /_emulator/clock` `{"advanceSeconds": N}`: move emulator time forward.
 * - `GET|DELETE /_emulator/state`: dump or forget all state.
 */
export function handleAdminRequest(options: {
  method: string;
  url: URL;
  body: Buffer;
  context: EmulatorContext;
  faults: FaultInjector;
  services: EmulatorService[];
}): EmulatorResponse {
  const { method, url, body, context, faults, services } = options;
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'GET /_emulator/health':
        return jsonResponse(200, {
          status: 'ok',
          services: services.map(s => s.name),
          defaultAccountId: context.options.defaultAccountId,
          timeScale: context.options.timeScale,
          now: new Date(context.clock.now()).toISOString(),
        });
      case 'GET /_emulator/faults':
        return jsonResponse(200, { faults: faults.getRules() });
      case 'PUT /_emulator/faults':
        faults.setRules(parseFaultRules(parseJson(body)));
        return jsonResponse(200, { faults: faults.getRules() });
      case 'DELETE /_emulator/faults':
        faults.setRules([]);
        return jsonResponse(200, { faults: [] });
      case 'POST /_emulator/clock': {
        const input = parseJson(body) as { advanceSeconds?: unknown } | null;
        const seconds = input?.advanceSeconds;
        if (typeof seconds !== 'number' || !(seconds >= 0)) {
          return badRequest('Send {"advanceSeconds": <non-negative number>}.');
        }
        context.clock.advance(seconds * 1000);
        return jsonResponse(200, {
          now: new Date(context.clock.now()).toISOString(),
        });
      }
      case 'GET /_emulator/state':
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: context.state.toJSON(),
        };
      case 'DELETE /_emulator/state':
        context.state.reset();
        return jsonResponse(200, { reset: true });
      default:
        return jsonResponse(404, {
          message: `No admin route ${route}: see the emulator README for /_emulator/health, faults, clock and state.`,
        });
    }
  } catch (error) {
    return badRequest((error as Error).message);
  }
}

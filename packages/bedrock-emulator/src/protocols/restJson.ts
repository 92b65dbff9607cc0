import { AwsError } from '../core/AwsError';
import { EmulatorRequest, EmulatorResponse } from '../core/EmulatorRequest';

/** Renders an error as restJson1 services do: `x-amzn-errortype` header and a `{message}` body. */
export function renderRestJsonError(error: AwsError): EmulatorResponse {
  return {
    status: error.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': error.type,
    },
    body: JSON.stringify({ message: error.message, ...error.fields }),
  };
}

/** Parses a restJson request body; an empty body is `{}`. */
export function readJsonBody<T = Record<string, unknown>>(
  request: EmulatorRequest,
): T {
  if (request.body.length === 0) {
    return {} as T;
  }
  try {
    const parsed = JSON.parse(request.body.toString('utf8'));
    if (
      typeof parsed !== 'object' ||
      parsed === null ||
      Array.isArray(parsed)
    ) {
      throw new Error('not an object');
    }
    return parsed as T;
  } catch {
    throw new AwsError(
      'ValidationException',
      400,
      'The request body is not a JSON object.',
    );
  }
}

/** A route of a restJson service: method and a path template such as `/imported-models/{modelIdentifier}`. */
export type RestRoute<H> = {
  method: string;
  template: string;
  operation: string;
  handler: H;
};

/**
 * Finds the route for a request. Template segments in braces capture one decoded path segment,
 * so an ARN the SDK encoded as a single segment (`arn%3Aaws%3A...%2Fabc`) arrives whole.
 */
export function matchRestRoute<H>(
  routes: Array<RestRoute<H>>,
  request: EmulatorRequest,
): { route: RestRoute<H>; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== request.method) continue;
    const parts = route.template.split('/').filter(Boolean);
    if (parts.length !== request.segments.length) continue;
    const params: Record<string, string> = {};
    const matches = parts.every((part, i) => {
      if (part.startsWith('{') && part.endsWith('}')) {
        params[part.slice(1, -1)] = request.segments[i];
        return true;
      }
      return part === request.segments[i];
    });
    if (matches) {
      return { route, params };
    }
  }
  return undefined;
}

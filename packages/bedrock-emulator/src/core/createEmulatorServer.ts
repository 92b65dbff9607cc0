import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { randomUUID } from 'node:crypto';
import { AwsError } from './AwsError';
import {
  accountIdFor,
  EmulatorRequest,
  EmulatorResponse,
} from './EmulatorRequest';
import { EmulatorContext, EmulatorService } from './EmulatorService';
import { FaultInjector } from './FaultInjector';
import { readSigV4Scope } from './sigv4Scope';
import { handleAdminRequest, ADMIN_PREFIX } from './adminRoutes';
import { renderRestJsonError } from '../protocols/restJson';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  requestId: string,
  response: EmulatorResponse,
) {
  const body = response.body ?? '';
  res.writeHead(response.status, {
    'x-amzn-requestid': requestId,
    'x-amz-request-id': requestId,
    date: new Date().toUTCString(),
    ...response.headers,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * The emulator's HTTP server: reads each request, routes it by its SigV4 signing name and path or
 * `X-Amz-Target` to a service operation, applies injected faults, and renders errors in the
 * service's own protocol. `/_emulator/...` is the admin path, which no AWS API uses.
 */
export function createEmulatorServer(options: {
  context: EmulatorContext;
  services: EmulatorService[];
  faults: FaultInjector;
  onChange: () => void;
}): Server {
  const { context, services, faults, onChange } = options;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const requestId = randomUUID();
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = req.method ?? 'GET';

    if (url.pathname.startsWith(ADMIN_PREFIX)) {
      send(
        res,
        requestId,
        handleAdminRequest({ method, url, body, context, faults, services }),
      );
      onChange();
      return;
    }

    const scope = readSigV4Scope(req.headers.authorization);
    if (!scope) {
      send(
        res,
        requestId,
        renderRestJsonError(
          new AwsError(
            'MissingAuthenticationTokenException',
            403,
            'Missing Authentication Token: sign the request with SigV4 (any credentials and Region).',
          ),
        ),
      );
      return;
    }

    const rawPath = url.pathname;
    const request: EmulatorRequest = {
      method,
      rawPath,
      segments: rawPath
        .split('/')
        .filter(Boolean)
        .map(segment => decodeURIComponent(segment)),
      query: url.searchParams,
      headers: req.headers,
      body,
      scope,
      accountId: accountIdFor(
        scope.accessKeyId,
        context.options.defaultAccountId,
      ),
      region: scope.region,
      requestId,
    };

    const candidates = services.filter(s => s.signingName === scope.service);
    let service: EmulatorService | undefined;
    let resolved;
    for (const candidate of candidates) {
      resolved = candidate.resolve(request, context);
      if (resolved) {
        service = candidate;
        break;
      }
    }
    if (!service || !resolved) {
      const error = new AwsError(
        'UnknownOperationException',
        404,
        `The bedrock-emulator does not implement ${method} ${rawPath} for service "${scope.service}".`,
      );
      send(
        res,
        requestId,
        candidates[0]?.renderError(error, request) ??
          renderRestJsonError(error),
      );
      return;
    }

    const decision = faults.decide(service.name, resolved.operation);
    if (decision.latencyMs > 0) {
      await new Promise(resolve => setTimeout(resolve, decision.latencyMs));
    }
    if (decision.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (decision.kind === 'throttle') {
      send(
        res,
        requestId,
        service.renderError(service.throttlingError(), request),
      );
      return;
    }
    if (decision.kind === 'error') {
      send(
        res,
        requestId,
        service.renderError(service.serverError(decision.status), request),
      );
      return;
    }

    let response: EmulatorResponse;
    try {
      response = await resolved.run();
    } catch (error) {
      const awsError =
        error instanceof AwsError
          ? error
          : new AwsError(
              'InternalServerException',
              500,
              `Emulator fault: ${String(error)}`,
            );
      if (!(error instanceof AwsError)) {
        process.stderr.write(
          `bedrock-emulator: ${service.name}.${resolved.operation} failed: ${
            (error as Error)?.stack ?? error
          }\n`,
        );
      }
      response = service.renderError(awsError, request);
    }
    send(res, requestId, response);
    onChange();
  }

  return createServer((req, res) => {
    handle(req, res).catch(error => {
      process.stderr.write(
        `bedrock-emulator: ${(error as Error)?.stack ?? error}\n`,
      );
      if (!res.headersSent) {
        send(
          res,
          randomUUID(),
          renderRestJsonError(
            new AwsError('InternalServerException', 500, String(error)),
          ),
        );
      }
    });
  });
}

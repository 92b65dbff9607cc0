import {
  createServer as createHttp1Server,
  IncomingMessage,
  OutgoingHttpHeaders,
  ServerResponse,
} from 'node:http';
import {
  createServer as createHttp2Server,
  Http2ServerRequest,
  Http2ServerResponse,
} from 'node:http2';
import { createServer as createTcpServer, Server, Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { AwsError } from './AwsError';
import {
  accountIdFor,
  EmulatorRequest,
  EmulatorResponse,
  jsonResponse,
} from './EmulatorRequest';
import { EmulatorContext, EmulatorService } from './EmulatorService';
import { FaultDecision, FaultInjector } from './FaultInjector';
import { readSigV4Scope } from './sigv4Scope';
import { handleAdminRequest, ADMIN_PREFIX } from './adminRoutes';
import { refuseAdminRequest } from './adminGuard';
import {
  ADMIN_BODY_LIMIT_BYTES,
  AWS_BODY_LIMIT_BYTES,
  readBody,
  tooLargeMessage,
} from './requestBody';
import { renderRestJsonError } from '../protocols/restJson';

type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

/** What `send` needs of a response; HTTP/1.1 and HTTP/2 responses both have it. */
type WritableResponse = {
  writeHead(status: number, headers: OutgoingHttpHeaders): unknown;
  end(body: string | Buffer): unknown;
};

/** The error an injected fault answers with, or undefined when the call runs. */
function injectedError(
  service: EmulatorService,
  decision: FaultDecision,
  request: EmulatorRequest,
  operation: string,
): AwsError | undefined {
  switch (decision.kind) {
    case 'throttle':
      return service.throttlingError();
    case 'error':
      return service.serverError(decision.status);
    case 'accessDenied':
      return service.accessDeniedError(request, operation);
    case 'roleNotAssumable':
    case 'modelTimeout':
    case 'modelError':
      return service.namedFaultError?.(decision.kind, request);
    default:
      return undefined;
  }
}

function send(res: AnyResponse, requestId: string, response: EmulatorResponse) {
  // A held call answered after the emulator closed its connection has no one left to answer.
  const gone =
    res.writableEnded ||
    ('stream' in res ? res.stream.destroyed : res.destroyed);
  if (gone) return;
  const body = response.body ?? '';
  const writable = res as WritableResponse;
  writable.writeHead(response.status, {
    'x-amzn-requestid': requestId,
    'x-amz-request-id': requestId,
    date: new Date().toUTCString(),
    ...response.headers,
    'content-length': Buffer.byteLength(body),
  });
  writable.end(body);
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

  async function handle(req: AnyRequest, res: AnyResponse) {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = req.method ?? 'GET';

    if (url.pathname.startsWith(ADMIN_PREFIX)) {
      const read = await readBody(req, ADMIN_BODY_LIMIT_BYTES);
      if ('tooLarge' in read) {
        send(
          res,
          requestId,
          jsonResponse(413, {
            message: tooLargeMessage(ADMIN_BODY_LIMIT_BYTES),
          }),
        );
        return;
      }
      const { body } = read;
      send(
        res,
        requestId,
        refuseAdminRequest({ method, headers: req.headers, body }) ??
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
    const read = await readBody(req, AWS_BODY_LIMIT_BYTES);
    const body = 'tooLarge' in read ? Buffer.alloc(0) : read.body;

    // The raw target, not a parsed URL: URL parsing collapses `.` and `..` segments, which are
    // legitimate parts of S3 keys.
    const target = req.url ?? '/';
    const queryStart = target.indexOf('?');
    const rawPath = queryStart >= 0 ? target.slice(0, queryStart) : target;
    const segments = decodeSegments(rawPath);
    const request: EmulatorRequest = {
      method,
      rawPath,
      segments: segments ?? [],
      query: new URLSearchParams(
        queryStart >= 0 ? target.slice(queryStart + 1) : '',
      ),
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
    if ('tooLarge' in read) {
      const error = new AwsError(
        'RequestEntityTooLarge',
        413,
        tooLargeMessage(AWS_BODY_LIMIT_BYTES),
      );
      send(
        res,
        requestId,
        candidates[0]?.renderError(error, request) ??
          renderRestJsonError(error),
      );
      return;
    }
    if (!segments) {
      const error = new AwsError(
        'InvalidURI',
        400,
        `The request path ${rawPath} is not validly percent-encoded.`,
      );
      send(
        res,
        requestId,
        candidates[0]?.renderError(error, request) ??
          renderRestJsonError(error),
      );
      return;
    }
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

    const decision = faults.decide(
      service.name,
      resolved.operation,
      scope.region,
    );
    if (decision.latencyMs > 0) {
      await context.clock.sleepFor(decision.latencyMs);
    }
    if (decision.kind === 'drop') {
      // HTTP/2: reset the stream; HTTP/1.1: close the connection. Either way no answer arrives.
      if ('stream' in req) req.stream.close(2);
      else req.socket.destroy();
      return;
    }
    const injected = injectedError(
      service,
      decision,
      request,
      resolved.operation,
    );
    if (injected) {
      resolved.onError?.(injected);
      send(res, requestId, service.renderError(injected, request));
      onChange();
      return;
    }

    let response: EmulatorResponse;
    try {
      response = await resolved.run({
        midStreamError: decision.kind === 'modelStreamError',
      });
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
      resolved.onError?.(awsError);
      response = service.renderError(awsError, request);
    }
    send(res, requestId, response);
    onChange();
  }

  const onRequest = (req: AnyRequest, res: AnyResponse) => {
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
  };
  const http1 = createHttp1Server(onRequest);
  const http2 = createHttp2Server(onRequest);

  // One port for both: the bedrock-runtime client speaks HTTP/2 (cleartext, prior knowledge) while
  // the other clients speak HTTP/1.1, so each connection goes where its first bytes say it belongs.
  const server = createTcpServer(socket => {
    socket.once('data', (first: Buffer) => {
      socket.pause();
      // Every HTTP/2 connection opens with the preface `PRI * HTTP/2.0`; no HTTP/1.1 method is PRI.
      if (first.subarray(0, 3).toString('latin1') === 'PRI') {
        http2.emit('connection', replayingStream(socket, first));
      } else {
        socket.unshift(first);
        http1.emit('connection', socket);
        socket.resume();
      }
    });
    socket.on('error', () => socket.destroy());
  });
  return server;
}

/** Splits a raw path into percent-decoded segments, or undefined when its encoding is malformed. */
function decodeSegments(rawPath: string): string[] | undefined {
  try {
    return rawPath
      .split('/')
      .filter(Boolean)
      .map(segment => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

/**
 * A stream over the socket that first replays the bytes already read. HTTP/2 reads a raw socket's
 * handle directly (so unshifted bytes would be lost); a plain Duplex makes it read through JS.
 */
function replayingStream(socket: Socket, first: Buffer): Duplex {
  const stream = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk, encoding, callback) {
      socket.write(chunk, encoding, callback);
    },
    final(callback) {
      socket.end();
      callback();
    },
    destroy(error, callback) {
      socket.destroy(error ?? undefined);
      callback(error);
    },
  });
  stream.push(first);
  socket.on('data', chunk => {
    if (!stream.push(chunk)) socket.pause();
  });
  socket.on('end', () => stream.push(null));
  socket.on('close', () => stream.destroy());
  return stream;
}

/** Tracks open sockets so `close()` does not wait for idle keep-alive connections. */
export function trackConnections(server: Server): () => void {
  const sockets = new Set<Socket>();
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return () => {
    for (const socket of sockets) socket.destroy();
  };
}

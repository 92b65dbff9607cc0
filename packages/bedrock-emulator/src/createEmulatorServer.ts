import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AwsError, writeAwsError } from './awsErrors';
import { readSigV4Scope, SigV4Scope } from './sigv4Scope';

/** Path of the emulator's own health check, outside every AWS API's namespace. */
export const EMULATOR_HEALTH_PATH = '/_emulator/health';

type Handler = (
  req: IncomingMessage,
  scope: SigV4Scope,
) => Promise<{ status: number; body: unknown }>;

/** Routes of the bedrock control plane, by method and path (restJson1). */
const bedrockRoutes: Record<string, Handler> = {
  // A fresh emulator has imported nothing; import jobs arrive with the emulator issue.
  'GET /imported-models': async () => ({
    status: 200,
    body: { modelSummaries: [] },
  }),
};

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'x-amzn-requestid': crypto.randomUUID(),
  });
  res.end(JSON.stringify(body));
}

async function route(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://emulator');
  if (req.method === 'GET' && url.pathname === EMULATOR_HEALTH_PATH) {
    json(res, 200, { status: 'ok' });
    return;
  }
  const scope = readSigV4Scope(req.headers.authorization);
  if (!scope) {
    throw new AwsError(
      'MissingAuthenticationTokenException',
      403,
      'Request is missing a SigV4 Authorization header: sign it with any credentials and a Region.',
    );
  }
  const handler =
    scope.service === 'bedrock'
      ? bedrockRoutes[`${req.method} ${url.pathname}`]
      : undefined;
  if (!handler) {
    throw new AwsError(
      'UnknownOperationException',
      404,
      `The bedrock-emulator does not implement ${req.method} ${url.pathname} for service "${scope.service}".`,
    );
  }
  const { status, body } = await handler(req, scope);
  json(res, status, body);
}

/** Creates the emulator's HTTP server (not yet listening). */
export function createEmulatorServer(): Server {
  return createServer((req, res) => {
    route(req, res).catch(error => {
      writeAwsError(
        res,
        error instanceof AwsError
          ? error
          : new AwsError('InternalServerException', 500, String(error)),
      );
    });
  });
}

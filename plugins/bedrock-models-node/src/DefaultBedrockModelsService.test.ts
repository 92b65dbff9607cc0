import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { DefaultBedrockModelsService } from './DefaultBedrockModelsService';

describe('DefaultBedrockModelsService', () => {
  let server: Server;
  let baseUrl: string;
  const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url!, headers: req.headers });
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ items: [], totalCount: 0 }));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/bedrock-models`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  it('calls the backend with a token issued on behalf of the given credentials, per call', async () => {
    const auth = mockServices.auth();
    const service = new DefaultBedrockModelsService({
      auth,
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
    });
    const alice = mockCredentials.user('user:default/alice');
    const bob = mockCredentials.user('user:default/bob');

    await service.searchModels({ q: 'x' }, { credentials: alice });
    await service.searchModels(undefined, { credentials: bob });

    expect(seen.map(r => [r.url, r.headers.authorization])).toEqual([
      [
        '/api/bedrock-models/models?q=x',
        mockCredentials.service.header({
          onBehalfOf: alice,
          targetPluginId: 'bedrock-models',
        }),
      ],
      [
        '/api/bedrock-models/models',
        mockCredentials.service.header({
          onBehalfOf: bob,
          targetPluginId: 'bedrock-models',
        }),
      ],
    ]);
  });
});

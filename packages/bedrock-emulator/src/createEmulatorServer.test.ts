import {
  BedrockClient,
  GetImportedModelCommand,
  ListImportedModelsCommand,
} from '@aws-sdk/client-bedrock';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import {
  createEmulatorServer,
  EMULATOR_HEALTH_PATH,
} from './createEmulatorServer';

describe('createEmulatorServer', () => {
  let server: Server;
  let endpoint: string;

  beforeAll(async () => {
    server = createEmulatorServer();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  const bedrock = () =>
    new BedrockClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });

  it('answers its health check over HTTP', async () => {
    const res = await fetch(`${endpoint}${EMULATOR_HEALTH_PATH}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers the real Bedrock SDK client: ListImportedModels on a fresh account', async () => {
    const out = await bedrock().send(new ListImportedModelsCommand({}));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.modelSummaries).toEqual([]);
  });

  it('names an operation it does not implement in an error the SDK understands', async () => {
    await expect(
      bedrock().send(new GetImportedModelCommand({ modelIdentifier: 'x' })),
    ).rejects.toMatchObject({
      name: 'UnknownOperationException',
      $metadata: { httpStatusCode: 404 },
      message: expect.stringContaining('GET /imported-models/x'),
    });
  });

  it('refuses an unsigned request the way AWS does', async () => {
    const res = await fetch(`${endpoint}/imported-models`);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe(
      'MissingAuthenticationTokenException',
    );
    expect((await res.json()).message).toContain('SigV4');
  });
});

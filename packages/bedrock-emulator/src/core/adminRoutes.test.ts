import { ListImportedModelsCommand } from '@aws-sdk/client-bedrock';
import { EmulatorTestKit } from '../__testUtils__/emulatorTestKit';

describe('the admin path', () => {
  let kit: EmulatorTestKit;
  let base: string;
  beforeAll(async () => {
    kit = await EmulatorTestKit.start();
    base = `${kit.emulator.endpoint}/_emulator`;
  });
  afterAll(() => kit.close());

  it('reports health with the services it emulates', async () => {
    const body = await (await fetch(`${base}/health`)).json();
    expect(body).toMatchObject({
      status: 'ok',
      defaultAccountId: '123456789012',
      timeScale: 1,
    });
    expect(body.services).toEqual(
      expect.arrayContaining([
        'bedrock',
        'bedrock-runtime',
        'servicequotas',
        'cloudwatch',
      ]),
    );
  });

  it('sets, reads and clears faults, refusing malformed ones with 400', async () => {
    const put = await fetch(`${base}/faults`, {
      method: 'PUT',
      body: JSON.stringify([{ service: 'bedrock', dropRate: 1 }]),
    });
    expect(put.status).toBe(200);
    expect((await (await fetch(`${base}/faults`)).json()).faults).toEqual([
      { service: 'bedrock', dropRate: 1 },
    ]);
    await expect(
      kit.bedrock().send(new ListImportedModelsCommand({})),
    ).rejects.toThrow();
    await fetch(`${base}/faults`, { method: 'DELETE' });
    await expect(
      kit.bedrock().send(new ListImportedModelsCommand({})),
    ).resolves.toBeDefined();

    const bad = await fetch(`${base}/faults`, {
      method: 'PUT',
      body: '{"nope":1}',
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toBe(
      'Faults must be a JSON array of rules',
    );
  });

  it('moves the clock forward only', async () => {
    const before = Date.parse(
      (await (await fetch(`${base}/health`)).json()).now,
    );
    const res = await fetch(`${base}/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceSeconds: 3600 }),
    });
    expect(Date.parse((await res.json()).now) - before).toBeGreaterThanOrEqual(
      3600_000,
    );
    const back = await fetch(`${base}/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceSeconds: -1 }),
    });
    expect(back.status).toBe(400);
  });

  it('answers 404 naming the admin routes for an unknown one', async () => {
    const res = await fetch(`${base}/nothing`);
    expect(res.status).toBe(404);
    expect((await res.json()).message).toContain('/_emulator/health');
  });

  it('refuses unsigned AWS requests as AWS does', async () => {
    const res = await fetch(`${kit.emulator.endpoint}/imported-models`);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe(
      'MissingAuthenticationTokenException',
    );
  });
});

describe('request paths', () => {
  let kit: EmulatorTestKit;
  beforeAll(async () => {
    kit = await EmulatorTestKit.start();
  });
  afterAll(() => kit.close());

  it('answers a malformed percent-encoding with 400 in the service format, not 500', async () => {
    const res = await fetch(
      `${kit.emulator.endpoint}/imported-models/%E0%A4%A`,
      {
        headers: {
          authorization:
            'AWS4-HMAC-SHA256 Credential=test/20261122/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=x',
        },
      },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidURI');
    expect((await res.json()).message).toContain(
      'is not validly percent-encoded',
    );
  });
});

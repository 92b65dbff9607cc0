import { ListImportedModelsCommand } from '@aws-sdk/client-bedrock';
import { request as httpRequest } from 'node:http';
import { EmulatorTestKit } from '../__testUtils__/emulatorTestKit';

/** A raw HTTP/1.1 request, so a test can set any Host and Origin (fetch refuses to). */
function rawRequest(
  endpoint: string,
  options: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  },
): Promise<{ status: number; body: string }> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    // Settled once the answer arrived and the body was sent (an early answer comes before that).
    let answer: { status: number; body: string } | undefined;
    let sent = false;
    const settle = () => {
      if (answer && sent) resolve(answer);
    };
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: options.method,
        path: options.path,
        headers: options.headers,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          answer = {
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          };
          settle();
        });
      },
    );
    req.on('error', reject);
    req.on('finish', () => {
      sent = true;
      settle();
    });
    req.end(options.body);
  });
}

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
      headers: { 'content-type': 'application/json' },
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
      headers: { 'content-type': 'application/json' },
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
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 3600 }),
    });
    expect(Date.parse((await res.json()).now) - before).toBeGreaterThanOrEqual(
      3600_000,
    );
    const back = await fetch(`${base}/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
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

describe('the admin path refuses what a web page could send', () => {
  let kit: EmulatorTestKit;
  const advance = JSON.stringify({ advanceSeconds: 1 });
  beforeAll(async () => {
    kit = await EmulatorTestKit.start();
  });
  afterAll(() => kit.close());

  const post = (headers: Record<string, string>, body = advance) =>
    rawRequest(kit.emulator.endpoint, {
      method: 'POST',
      path: '/_emulator/clock',
      headers,
      body,
    });

  it.each([
    'localhost',
    'localhost:4599',
    '127.0.0.1:1',
    '[::1]:4599',
    'LOCALHOST',
  ])('takes a request addressed to the loopback name %p', async host => {
    const res = await post({ host, 'content-type': 'application/json' });
    expect(res.status).toBe(200);
  });

  it.each([
    'evil.example',
    'evil.example:4599',
    '127.0.0.1.evil.example',
    '10.0.0.1',
  ])(
    'refuses with 403 a request addressed to %p (DNS rebinding)',
    async host => {
      const res = await post({ host, 'content-type': 'application/json' });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body).message).toContain(
        `addressed to localhost, 127.0.0.1 or [::1] (any port); this one was addressed to "${host}"`,
      );
    },
  );

  it('refuses with 403 a request from a foreign Origin, and takes a loopback one', async () => {
    const host = `127.0.0.1:${kit.emulator.port}`;
    const foreign = await post({
      host,
      origin: 'https://evil.example',
      'content-type': 'application/json',
    });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).message).toContain(
      'Origin "https://evil.example" is not a loopback origin',
    );
    expect(
      (await post({ host, origin: 'null', 'content-type': 'application/json' }))
        .status,
    ).toBe(403);
    expect(
      (
        await post({
          host,
          origin: 'http://localhost:3000',
          'content-type': 'application/json',
        })
      ).status,
    ).toBe(200);
  });

  it('refuses with 415 a write whose body is not declared JSON (a cross-site form or text/plain post)', async () => {
    const host = `127.0.0.1:${kit.emulator.port}`;
    for (const contentType of [
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await post({ host, 'content-type': contentType });
      expect(res.status).toBe(415);
      expect(JSON.parse(res.body).message).toContain(
        'Content-Type: application/json',
      );
    }
    expect((await post({ host })).status).toBe(415);
    expect(
      (await post({ host, 'content-type': 'application/json; charset=utf-8' }))
        .status,
    ).toBe(200);
    // A DELETE without a body needs no Content-Type.
    const cleared = await rawRequest(kit.emulator.endpoint, {
      method: 'DELETE',
      path: '/_emulator/faults',
      headers: { host },
    });
    expect(cleared.status).toBe(200);
  });

  it('refuses with 413 an admin body over 1 MiB', async () => {
    const res = await post(
      {
        host: `127.0.0.1:${kit.emulator.port}`,
        'content-type': 'application/json',
      },
      JSON.stringify({ advanceSeconds: 1, padding: 'x'.repeat(1024 * 1024) }),
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).message).toContain(
      'larger than the 1048576 bytes',
    );
  });
});

describe('AWS routes', () => {
  let kit: EmulatorTestKit;
  beforeAll(async () => {
    kit = await EmulatorTestKit.start();
  });
  afterAll(() => kit.close());

  it('refuse a body over 32 MiB with 413, in the service format', async () => {
    const authorization =
      'AWS4-HMAC-SHA256 Credential=test/20261122/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=x';
    const body = Buffer.alloc(32 * 1024 * 1024 + 1, 0x20);
    // Sent chunked (no Content-Length), so the cap is found while reading; and declared.
    const framings: Array<Record<string, string>> = [
      { 'transfer-encoding': 'chunked' },
      { 'content-length': String(body.length) },
    ];
    for (const headers of framings) {
      const res = await rawRequest(kit.emulator.endpoint, {
        method: 'POST',
        path: '/model-import-jobs',
        headers: {
          authorization,
          'content-type': 'application/json',
          ...headers,
        },
        body,
      });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).message).toContain(
        'larger than the 33554432 bytes',
      );
    }
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

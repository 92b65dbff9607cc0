import {
  ConverseCommand,
  ConverseStreamCommand,
  ConverseStreamOutput,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  ModelStreamErrorException,
  ResponseStream,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import {
  llama31_8bArtifacts,
  qwen25_7bArtifacts,
} from '../../seed/artifactSets';
import { EmulatorTestKit } from '../../__testUtils__/emulatorTestKit';

const encode = (body: unknown) =>
  new TextEncoder().encode(JSON.stringify(body));
const decode = (bytes: Uint8Array | undefined) =>
  JSON.parse(new TextDecoder().decode(bytes));

/** Every event of a stream, as the SDK's event-stream deserializer yields them. */
async function eventsOf<T>(stream: AsyncIterable<T> | undefined): Promise<T[]> {
  const events: T[] = [];
  for await (const event of stream ?? []) events.push(event);
  return events;
}

describe('streaming, through the SDK event-stream clients', () => {
  let kit: EmulatorTestKit;
  let llama: string;
  let qwen: string;
  beforeAll(async () => {
    kit = await EmulatorTestKit.start({
      importJobSeconds: 0,
      coldStartRestoreSeconds: 0,
      coldStartRestorePerCmuSeconds: 0,
      timeScale: 100,
      quotas: { importedModelsPerRegion: 10, concurrentImportJobs: 10 },
    });
    llama = await kit.importModel('llama', llama31_8bArtifacts());
    qwen = await kit.importModel('qwen', qwen25_7bArtifacts());
  });
  afterAll(() => kit.close());
  afterEach(() => kit.setFaults([]));

  it('streams InvokeModelWithResponseStream as `chunk` events whose bytes are the body format, the same text InvokeModel gives', async () => {
    const request = { prompt: 'Summarise the outage report.', max_gen_len: 64 };
    const out = await kit.runtime().send(
      new InvokeModelWithResponseStreamCommand({
        modelId: llama,
        contentType: 'application/json',
        body: encode(request),
      }),
    );
    expect(out.contentType).toBe('application/json');
    const events = await eventsOf<ResponseStream>(out.body);
    expect(events.length).toBeGreaterThan(1);
    const chunks = events.map(e => decode(e.chunk?.bytes));
    expect(chunks[0]).toMatchObject({
      prompt_token_count: 5,
      stop_reason: null,
    });
    const last = chunks[chunks.length - 1];
    expect(last).toMatchObject({
      stop_reason: 'stop',
      'amazon-bedrock-invocationMetrics': {
        inputTokenCount: 5,
        outputTokenCount: expect.any(Number),
      },
    });
    const whole = decode(
      (
        await kit
          .runtime()
          .send(
            new InvokeModelCommand({ modelId: llama, body: encode(request) }),
          )
      ).body,
    );
    expect(chunks.map(c => c.generation).join('')).toBe(whole.generation);
    expect(last.generation_token_count).toBe(whole.generation_token_count);
  });

  it('streams OpenAI chat as chat.completion.chunk deltas', async () => {
    const out = await kit.runtime().send(
      new InvokeModelWithResponseStreamCommand({
        modelId: llama,
        body: encode({
          messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
          max_tokens: 5,
        }),
      }),
    );
    const chunks = (await eventsOf<ResponseStream>(out.body)).map(e =>
      decode(e.chunk?.bytes),
    );
    expect(chunks[0]).toMatchObject({
      object: 'chat.completion.chunk',
      choices: [{ delta: { role: 'assistant' }, finish_reason: null }],
    });
    expect(chunks).toHaveLength(5);
    expect(chunks[4].choices[0].finish_reason).toBe('length');
  });

  it('streams ConverseStream as messageStart, contentBlockDelta, contentBlockStop, messageStop and metadata', async () => {
    const messages = [
      { role: 'user' as const, content: [{ text: 'What changed in v2?' }] },
    ];
    const out = await kit
      .runtime()
      .send(new ConverseStreamCommand({ modelId: llama, messages }));
    const events = await eventsOf<ConverseStreamOutput>(out.stream);
    const kinds = events.map(e => Object.keys(e).find(k => k !== '$unknown'));
    expect(kinds[0]).toBe('messageStart');
    expect(kinds.slice(-3)).toEqual([
      'contentBlockStop',
      'messageStop',
      'metadata',
    ]);
    expect(new Set(kinds.slice(1, -3))).toEqual(new Set(['contentBlockDelta']));
    expect(events[0].messageStart).toEqual({ role: 'assistant' });
    const text = events
      .map(e => e.contentBlockDelta?.delta?.text ?? '')
      .join('');
    const whole = await kit
      .runtime()
      .send(new ConverseCommand({ modelId: llama, messages }));
    expect(text).toBe(whole.output?.message?.content?.[0].text);
    expect(events[events.length - 2].messageStop).toEqual({
      stopReason: whole.stopReason,
    });
    expect(events[events.length - 1].metadata).toMatchObject({
      usage: whole.usage,
      metrics: { latencyMs: expect.any(Number) },
    });
  });

  it('refuses ConverseStream for a model without Converse support (Qwen)', async () => {
    const error = await kit
      .runtime()
      .send(
        new ConverseStreamCommand({
          modelId: qwen,
          messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toContain("doesn't support the Converse API");
  });

  it('breaks a stream with a modelStreamErrorException event when the fault says so', async () => {
    await kit.setFaults([
      { service: 'bedrock-runtime', modelStreamErrorRate: 1 },
    ]);
    const out = await kit.runtime().send(
      new InvokeModelWithResponseStreamCommand({
        modelId: llama,
        body: encode({ prompt: 'Hello there' }),
      }),
    );
    const seen: ResponseStream[] = [];
    const error = await (async () => {
      for await (const event of out.body ?? []) seen.push(event);
    })().catch(e => e);
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(ModelStreamErrorException);
    expect(error).toMatchObject({ originalStatusCode: 500 });

    const converse = await kit.runtime().send(
      new ConverseStreamCommand({
        modelId: llama,
        messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
      }),
    );
    await expect(eventsOf(converse.stream)).rejects.toBeInstanceOf(
      ModelStreamErrorException,
    );
  });
});

import {
  CreateModelImportJobCommand,
  GetModelImportJobCommand,
} from '@aws-sdk/client-bedrock';
import {
  ConverseCommand,
  InvokeModelCommand,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { metricsData } from '../../core/metricsStore';
import {
  llama31_8bArtifacts,
  qwen25_7bArtifacts,
} from '../../seed/artifactSets';
import {
  EmulatorTestKit,
  importInput,
} from '../../__testUtils__/emulatorTestKit';

const encode = (body: unknown) =>
  new TextEncoder().encode(JSON.stringify(body));
const decode = (body: Uint8Array) => JSON.parse(new TextDecoder().decode(body));

describe('bedrock runtime, through @aws-sdk/client-bedrock-runtime', () => {
  let kit: EmulatorTestKit;
  let llamaArn: string;
  let qwenArn: string;

  async function importModel(name: string, s3Uri: string): Promise<string> {
    const bedrock = kit.bedrock();
    const { jobArn } = await bedrock.send(
      new CreateModelImportJobCommand(importInput(name, s3Uri)),
    );
    const job = await bedrock.send(
      new GetModelImportJobCommand({ jobIdentifier: jobArn }),
    );
    return job.importedModelArn!;
  }

  beforeAll(async () => {
    // Imports finish and copies restore at once (cold starts have their own tests); simulated
    // latency is slept at a hundredth of its length.
    kit = await EmulatorTestKit.start({
      importJobSeconds: 0,
      coldStartRestoreSeconds: 0,
      coldStartRestorePerCmuSeconds: 0,
      timeScale: 100,
      quotas: { importedModelsPerRegion: 10, concurrentImportJobs: 10 },
    });
    llamaArn = await importModel(
      'llama',
      kit.stage('artifacts', 'llama/', llama31_8bArtifacts()),
    );
    qwenArn = await importModel(
      'qwen',
      kit.stage('artifacts', 'qwen/', qwen25_7bArtifacts()),
    );
  });
  afterAll(() => kit.close());

  it('answers the Bedrock completion format with token counts', async () => {
    const out = await kit.runtime().send(
      new InvokeModelCommand({
        modelId: llamaArn,
        contentType: 'application/json',
        body: encode({
          prompt: 'Summarise: the printer is on fire.',
          max_gen_len: 200,
        }),
      }),
    );
    expect(out.contentType).toBe('application/json');
    const body = decode(out.body);
    expect(body).toEqual({
      generation: expect.any(String),
      prompt_token_count: 8,
      generation_token_count: expect.any(Number),
      stop_reason: 'stop',
    });
    expect(body.generation.length).toBeGreaterThan(0);
  });

  it('answers the OpenAI completion and chat formats, deterministically', async () => {
    const runtime = kit.runtime();
    const completion = decode(
      (
        await runtime.send(
          new InvokeModelCommand({
            modelId: llamaArn,
            body: encode({ prompt: 'Hello', max_tokens: 3 }),
          }),
        )
      ).body,
    );
    expect(completion).toMatchObject({
      object: 'text_completion',
      choices: [{ index: 0, finish_reason: 'length' }],
      usage: { prompt_tokens: 1, completion_tokens: 3, total_tokens: 4 },
    });

    const chat = {
      messages: [{ role: 'user', content: 'What is our refund policy?' }],
      max_tokens: 100,
    };
    const first = decode(
      (
        await runtime.send(
          new InvokeModelCommand({ modelId: llamaArn, body: encode(chat) }),
        )
      ).body,
    );
    const again = decode(
      (
        await runtime.send(
          new InvokeModelCommand({ modelId: llamaArn, body: encode(chat) }),
        )
      ).body,
    );
    expect(first).toMatchObject({
      object: 'chat.completion',
      choices: [{ message: { role: 'assistant' }, finish_reason: 'stop' }],
    });
    expect(again.choices[0].message.content).toBe(
      first.choices[0].message.content,
    );
  });

  it('answers Converse where the model supports it, and refuses it for Qwen', async () => {
    const runtime = kit.runtime();
    const out = await runtime.send(
      new ConverseCommand({
        modelId: llamaArn,
        messages: [{ role: 'user', content: [{ text: 'Hi there' }] }],
        inferenceConfig: { maxTokens: 4 },
      }),
    );
    expect(out.output?.message?.role).toBe('assistant');
    expect(out.output?.message?.content?.[0].text).toEqual(expect.any(String));
    // The role counts, as a chat template adds it: "user: Hi there" is 4 tokens.
    expect(out).toMatchObject({
      stopReason: 'max_tokens',
      usage: { outputTokens: 4, inputTokens: 4, totalTokens: 8 },
      metrics: { latencyMs: expect.any(Number) },
    });

    const error = await runtime
      .send(
        new ConverseCommand({
          modelId: qwenArn,
          messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toContain("doesn't support the Converse API");
    // Qwen still takes chat through InvokeModel, since it ships a chat template.
    await expect(
      runtime.send(
        new InvokeModelCommand({
          modelId: qwenArn,
          body: encode({ messages: [{ role: 'user', content: 'Hi' }] }),
        }),
      ),
    ).resolves.toBeDefined();
  });

  it('refuses malformed bodies, invalid ids and unknown models with typed exceptions', async () => {
    const runtime = kit.runtime();
    await expect(
      runtime.send(
        new InvokeModelCommand({
          modelId: llamaArn,
          body: encode({ text: 'x' }),
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      runtime.send(
        new InvokeModelCommand({
          modelId: llamaArn,
          body: new TextEncoder().encode('{not json'),
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      runtime.send(
        new InvokeModelCommand({
          modelId: 'meta.llama3-8b-instruct-v1:0',
          body: encode({ prompt: 'x' }),
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    const missing =
      'arn:aws:bedrock:us-east-1:123456789012:imported-model/zzzzzzzzzzzz';
    const error = await runtime
      .send(
        new InvokeModelCommand({
          modelId: missing,
          body: encode({ prompt: 'x' }),
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('takes OpenAI chat content as an array of text parts, as a string', async () => {
    const runtime = kit.runtime();
    const ask = async (content: unknown) =>
      decode(
        (
          await runtime.send(
            new InvokeModelCommand({
              modelId: llamaArn,
              body: encode({ messages: [{ role: 'user', content }] }),
            }),
          )
        ).body,
      );
    const parts = await ask([
      { type: 'text', text: 'What is' },
      { type: 'text', text: 'our refund policy?' },
    ]);
    const text = await ask('What is\nour refund policy?');
    expect(parts.choices[0].message.content).toBe(
      text.choices[0].message.content,
    );
    expect(parts.usage).toEqual(text.usage);
    const image = await runtime
      .send(
        new InvokeModelCommand({
          modelId: llamaArn,
          body: encode({
            messages: [
              {
                role: 'user',
                content: [{ type: 'image_url', image_url: { url: 'x' } }],
              },
            ],
          }),
        }),
      )
      .catch(e => e);
    expect(image).toBeInstanceOf(ValidationException);
    expect(image.message).toContain(
      'messages[0].content[0] must be {"type": "text", "text": "..."}',
    );
  });

  it('records invocations, tokens and latency for CloudWatch', async () => {
    const before = metricsData(
      kit.emulator.context,
      '123456789012',
      'us-east-1',
    );
    const count = (name: string) =>
      Object.values(before.series)
        .filter(s => s.metricName === name && s.dimensions.ModelId === llamaArn)
        .flatMap(s => Object.values(s.minutes))
        .reduce((sum, bucket) => sum + bucket[0], 0);
    const invocations = count('Invocations');
    await kit.runtime().send(
      new InvokeModelCommand({
        modelId: llamaArn,
        body: encode({ prompt: 'one two three', max_gen_len: 5 }),
      }),
    );
    expect(count('Invocations')).toBe(invocations + 1);
    expect(count('InputTokenCount')).toBeGreaterThan(0);
    expect(count('OutputTokenCount')).toBeGreaterThan(0);
    expect(count('InvocationLatency')).toBeGreaterThan(0);
  });
});

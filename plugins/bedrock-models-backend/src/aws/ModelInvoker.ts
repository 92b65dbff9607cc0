import {
  ConverseCommand,
  InvokeModelCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { AwsClients } from './AwsClients';
import { AwsTarget } from './BedrockImportApi';
import { HEARTBEAT_PROMPT, heartbeatRequest } from './heartbeatRequest';

/** What one call of a model answered. */
export type ModelAnswer = {
  output: string;
  latencyMs: number;
  inputTokens?: number;
  outputTokens?: number;
  /**
   * The call met a cold start: the SDK retried it (AWS answers ModelNotReadyException while a copy
   * restores), so its latency measures the restore, not the model.
   */
  coldStart: boolean;
};

/**
 * Sends prompts to an imported model: Converse where the model supports it (a chat template ships),
 * InvokeModel with the Bedrock completion body otherwise (Qwen, GPT-OSS and other imports without
 * Converse).
 */
export class ModelInvoker {
  constructor(private readonly clients: AwsClients) {}

  /**
   * Sends a keep-warm heartbeat: the smallest request of the model's format, one attempt (the worker
   * decides when to try again after ModelNotReadyException or throttling). Answers how long it took.
   */
  async heartbeat(
    target: AwsTarget,
    modelArn: string,
    version: { instructSupported?: boolean; architecture?: string },
  ): Promise<{ latencyMs: number }> {
    const runtime = await this.clients.bedrockRuntimeOnce(
      target.accountId,
      target.region,
    );
    const request = heartbeatRequest(version);
    const started = performance.now();
    if (request.api === 'converse') {
      await runtime.send(
        new ConverseCommand({
          modelId: modelArn,
          messages: [{ role: 'user', content: [{ text: HEARTBEAT_PROMPT }] }],
          inferenceConfig: { maxTokens: 1 },
        }),
      );
    } else {
      await runtime.send(
        new InvokeModelCommand({
          modelId: modelArn,
          contentType: 'application/json',
          accept: 'application/json',
          body: JSON.stringify(request.body),
        }),
      );
    }
    return { latencyMs: performance.now() - started };
  }

  async ask(
    target: AwsTarget,
    modelArn: string,
    request: { prompt: string; maxTokens: number; converse: boolean },
  ): Promise<ModelAnswer> {
    const runtime = await this.clients.bedrockRuntime(
      target.accountId,
      target.region,
    );
    const started = performance.now();
    if (request.converse) {
      const answer = await runtime.send(
        new ConverseCommand({
          modelId: modelArn,
          messages: [{ role: 'user', content: [{ text: request.prompt }] }],
          inferenceConfig: { maxTokens: request.maxTokens },
        }),
      );
      return {
        output: (answer.output?.message?.content ?? [])
          .map(block => block.text ?? '')
          .join(''),
        latencyMs: performance.now() - started,
        inputTokens: answer.usage?.inputTokens,
        outputTokens: answer.usage?.outputTokens,
        coldStart: (answer.$metadata.attempts ?? 1) > 1,
      };
    }
    const answer = await runtime.send(
      new InvokeModelCommand({
        modelId: modelArn,
        contentType: 'application/json',
        accept: 'application/json',
        body: JSON.stringify({
          prompt: request.prompt,
          max_gen_len: request.maxTokens,
        }),
      }),
    );
    const body = JSON.parse(new TextDecoder().decode(answer.body)) as {
      generation?: string;
      prompt_token_count?: number;
      generation_token_count?: number;
    };
    return {
      output: body.generation ?? '',
      latencyMs: performance.now() - started,
      inputTokens: body.prompt_token_count,
      outputTokens: body.generation_token_count,
      coldStart: (answer.$metadata.attempts ?? 1) > 1,
    };
  }
}

import { randomUUID } from 'node:crypto';
import { AwsError, validationError } from '../../core/AwsError';
import { scaledMs } from '../../core/EmulatorOptions';
import { EmulatorRequest, EmulatorResponse } from '../../core/EmulatorRequest';
import { EmulatorContext, EmulatorService } from '../../core/EmulatorService';
import { recordMetric } from '../../core/metricsStore';
import { renderRestJsonError } from '../../protocols/restJson';
import { BedrockStore, ImportedModel } from '../bedrock/BedrockStore';
import { parseBedrockArn } from '../bedrock/ids';
import { decideColdStart } from './coldStart';
import { countTokens, Generation, generateText } from './generateText';
import {
  invocationResponse,
  parseInvocationBody,
  promptOf,
} from './invocationFormats';
import {
  bedrockServerError,
  bedrockThrottlingError,
} from '../bedrock/bedrockErrors';

function parseJson(request: EmulatorRequest): unknown {
  try {
    return JSON.parse(request.body.toString('utf8'));
  } catch {
    throw validationError(
      'Malformed input request: the body is not valid JSON, please reformat your input and try again.',
    );
  }
}

/** Finds the imported model a call names, then lets it through or answers as a cold model does. */
function readyModel(
  request: EmulatorRequest,
  context: EmulatorContext,
  modelId: string,
) {
  const arn = parseBedrockArn(modelId);
  if (!arn || arn.kind !== 'imported-model') {
    throw validationError('The provided model identifier is invalid.');
  }
  const store = new BedrockStore(context, request.accountId, request.region);
  const model = store.findModel(modelId);
  if (!model) {
    throw new AwsError(
      'ResourceNotFoundException',
      404,
      `The model ${modelId} does not exist in this account and Region.`,
    );
  }
  const now = context.clock.now();
  const decision = decideColdStart({
    now,
    lastInvokedAt: model.lastInvokedAt,
    restoreStartedAt: model.restoreStartedAt,
    idleMs: scaledMs(context.options, context.options.coldStartIdleSeconds),
    restoreMs: scaledMs(
      context.options,
      context.options.coldStartRestoreSeconds,
    ),
  });
  if (!decision.ready) {
    store.updateRuntime(model, {
      lastInvokedAt: model.lastInvokedAt,
      restoreStartedAt: decision.restoreStartedAt,
    });
    throw new AwsError(
      'ModelNotReadyException',
      429,
      'Model is not ready for inference. Wait and try your request again. Refer to https://docs.aws.amazon.com/bedrock/latest/userguide/invoke-imported-model.html#handle-model-not-ready-exception.',
    );
  }
  return { store, model, now };
}

/** Records what CloudWatch shows for one invocation (AWS/Bedrock, dimension ModelId). */
function recordInvocation(
  context: EmulatorContext,
  request: EmulatorRequest,
  model: ImportedModel,
  now: number,
  usage: { input: number; output: number; latencyMs: number },
) {
  const metric = (metricName: string, value: number) =>
    recordMetric(context, {
      accountId: request.accountId,
      region: request.region,
      namespace: 'AWS/Bedrock',
      metricName,
      dimensions: { ModelId: model.modelArn },
      timestampMs: now,
      value,
    });
  metric('Invocations', 1);
  metric('InvocationLatency', usage.latencyMs);
  metric('InputTokenCount', usage.input);
  metric('OutputTokenCount', usage.output);
  // One copy serves the emulated traffic; billing counts copies running per window.
  metric('ModelCopy', 1);
}

// Simulated latency: a fixed overhead plus a per-token cost, reported but not slept.
const latencyFor = (generation: Generation) => 40 + 3 * generation.tokens;

/**
 * Generates the answer of a ready model, marks it used (so it stays warm) and records the call's
 * metrics: what InvokeModel and Converse share.
 */
function serve(
  call: {
    request: EmulatorRequest;
    context: EmulatorContext;
    store: BedrockStore;
    model: ImportedModel;
    now: number;
  },
  prompt: string,
  maxTokens: number,
) {
  const { request, context, store, model, now } = call;
  const generation = generateText(model.modelArn, prompt, maxTokens);
  const promptTokens = countTokens(prompt);
  const latencyMs = latencyFor(generation);
  store.updateRuntime(model, {
    lastInvokedAt: now,
    restoreStartedAt: model.restoreStartedAt,
  });
  recordInvocation(context, request, model, now, {
    input: promptTokens,
    output: generation.tokens,
    latencyMs,
  });
  return { generation, promptTokens, latencyMs };
}

function invokeModel(
  request: EmulatorRequest,
  context: EmulatorContext,
  modelId: string,
): EmulatorResponse {
  const body = parseInvocationBody(parseJson(request));
  const { store, model, now } = readyModel(request, context, modelId);
  if (body.format === 'openai-chat' && !model.hasChatTemplate) {
    throw validationError(
      'This model has no chat template, so it cannot take "messages". Send a "prompt", or import the model with a chat template.',
    );
  }
  const { generation, promptTokens, latencyMs } = serve(
    { request, context, store, model, now },
    promptOf(body),
    body.maxTokens,
  );
  return {
    status: 200,
    headers: {
      'content-type': 'application/json',
      'x-amzn-bedrock-input-token-count': String(promptTokens),
      'x-amzn-bedrock-output-token-count': String(generation.tokens),
      'x-amzn-bedrock-invocation-latency': String(latencyMs),
    },
    body: JSON.stringify(
      invocationResponse(body, generation, promptTokens, {
        id: `cmpl-${randomUUID().replace(/-/g, '')}`,
        createdSeconds: Math.floor(now / 1000),
      }),
    ),
  };
}

type ConverseMessage = { role: string; content: Array<{ text?: string }> };

function converse(
  request: EmulatorRequest,
  context: EmulatorContext,
  modelId: string,
): EmulatorResponse {
  const input = parseJson(request) as {
    messages?: ConverseMessage[];
    system?: Array<{ text?: string }>;
    inferenceConfig?: { maxTokens?: number };
  };
  if (!Array.isArray(input?.messages) || input.messages.length === 0) {
    throw validationError(
      "1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member must not be null",
    );
  }
  const texts: string[] = (input.system ?? []).map(
    s => `system: ${s.text ?? ''}`,
  );
  input.messages.forEach((message, i) => {
    if (message.role !== 'user' && message.role !== 'assistant') {
      throw validationError(
        `1 validation error detected: Value '${message.role}' at 'messages.${
          i + 1
        }.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]`,
      );
    }
    if (!Array.isArray(message.content) || message.content.length === 0) {
      throw validationError(
        `A conversation message must have content: messages.${i + 1} has none.`,
      );
    }
    texts.push(
      `${message.role}: ${message.content.map(c => c.text ?? '').join('\n')}`,
    );
  });
  if (input.messages[0].role !== 'user') {
    throw validationError(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  }
  const maxTokens = input.inferenceConfig?.maxTokens ?? 512;
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    throw validationError(
      "1 validation error detected: Value at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  }
  const { store, model, now } = readyModel(request, context, modelId);
  if (!model.instructSupported) {
    throw validationError(
      "This model doesn't support the Converse API. Use InvokeModel with the model's own request format instead.",
    );
  }
  const {
    generation,
    promptTokens: inputTokens,
    latencyMs,
  } = serve(
    { request, context, store, model, now },
    texts.join('\n'),
    maxTokens,
  );
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      output: {
        message: { role: 'assistant', content: [{ text: generation.text }] },
      },
      stopReason: generation.stoppedAtLimit ? 'max_tokens' : 'end_turn',
      usage: {
        inputTokens,
        outputTokens: generation.tokens,
        totalTokens: inputTokens + generation.tokens,
      },
      metrics: { latencyMs },
    }),
  };
}

/** Bedrock runtime (restJson1, signing name `bedrock`): InvokeModel and Converse for imported models. */
export function createBedrockRuntimeService(): EmulatorService {
  return {
    name: 'bedrock-runtime',
    signingName: 'bedrock',
    resolve(request, context) {
      const [root, modelId, action] = request.segments;
      if (
        request.method !== 'POST' ||
        request.segments.length !== 3 ||
        root !== 'model'
      ) {
        return undefined;
      }
      if (action === 'invoke') {
        return {
          operation: 'InvokeModel',
          run: () => invokeModel(request, context, modelId),
        };
      }
      if (action === 'converse') {
        return {
          operation: 'Converse',
          run: () => converse(request, context, modelId),
        };
      }
      return undefined;
    },
    renderError: error => renderRestJsonError(error),
    throttlingError: bedrockThrottlingError,
    serverError: bedrockServerError,
  };
}

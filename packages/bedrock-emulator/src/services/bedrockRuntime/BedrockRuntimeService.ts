import { randomUUID } from 'node:crypto';
import { AwsError, validationError } from '../../core/AwsError';
import { scaledMs } from '../../core/EmulatorOptions';
import { EmulatorRequest, EmulatorResponse } from '../../core/EmulatorRequest';
import { EmulatorContext, EmulatorService } from '../../core/EmulatorService';
import {
  EVENT_STREAM_CONTENT_TYPE,
  eventMessage,
  exceptionMessage,
} from '../../protocols/eventStream';
import { renderRestJsonError } from '../../protocols/restJson';
import { BedrockStore, ImportedModel } from '../bedrock/BedrockStore';
import {
  bedrockAccessDeniedError,
  bedrockServerError,
  bedrockThrottlingError,
} from '../bedrock/bedrockErrors';
import { parseBedrockArn } from '../bedrock/ids';
import { admitCall, CallsInFlight } from './coldStart';
import { readConverseInput } from './converseInput';
import { countTokens, Generation, generateText } from './generateText';
import { recordInvocation, recordInvocationError } from './invocationMetrics';
import {
  invocationResponse,
  InvocationRequest,
  parseInvocationBody,
  promptOf,
} from './invocationFormats';
import { converseStreamEvents, invocationChunks } from './streamedAnswers';

/** One runtime call: the request, what it reaches, and what fault injection asks of it. */
type Call = {
  request: EmulatorRequest;
  context: EmulatorContext;
  inFlight: CallsInFlight;
  modelId: string;
  midStreamError: boolean;
};

/** The runtime operations, by the last segment of `POST /model/{modelId}/<action>`. */
const OPERATIONS: Record<string, string> = {
  invoke: 'InvokeModel',
  'invoke-with-response-stream': 'InvokeModelWithResponseStream',
  converse: 'Converse',
  'converse-stream': 'ConverseStream',
};

/** The IAM action each operation needs (Converse is authorized as InvokeModel, its stream as the streaming one). */
const IAM_ACTIONS: Record<string, string> = {
  InvokeModel: 'bedrock:InvokeModel',
  InvokeModelWithResponseStream: 'bedrock:InvokeModelWithResponseStream',
  Converse: 'bedrock:InvokeModel',
  ConverseStream: 'bedrock:InvokeModelWithResponseStream',
};

function parseJson(request: EmulatorRequest): unknown {
  try {
    return JSON.parse(request.body.toString('utf8'));
  } catch {
    throw validationError(
      'Malformed input request: the body is not valid JSON, please reformat your input and try again.',
    );
  }
}

/** The imported model a call names, or the error AWS answers. */
function importedModel(call: Call): ImportedModel {
  const arn = parseBedrockArn(call.modelId);
  if (!arn || arn.kind !== 'imported-model') {
    throw validationError('The provided model identifier is invalid.');
  }
  const store = new BedrockStore(
    call.context,
    call.request.accountId,
    call.request.region,
  );
  const model = store.findModel(call.modelId);
  if (!model) {
    throw new AwsError(
      'ResourceNotFoundException',
      404,
      `The model ${call.modelId} does not exist in this account and Region.`,
    );
  }
  return model;
}

/** What serving a call produced. */
type Served = {
  generation: Generation;
  promptTokens: number;
  latencyMs: number;
  admittedAt: number;
};

// Simulated latency: a fixed overhead plus a per-token cost (AWS milliseconds).
const latencyFor = (generation: Generation) => 40 + 3 * generation.tokens;

/**
 * Serves a call on a copy of the model: waits for one (a cold model restores first), generates the
 * answer, records the call's metrics and takes the call's simulated latency (scaled like every
 * duration), so that calls sent together are in flight together and can bring up another copy.
 */
async function serve(
  call: Call,
  model: ImportedModel,
  prompt: string,
  maxTokens: number,
): Promise<Served> {
  const { context, request } = call;
  const admission = await admitCall({
    context,
    inFlight: call.inFlight,
    accountId: request.accountId,
    region: request.region,
    model,
  });
  try {
    const generation = generateText(model.modelArn, prompt, maxTokens);
    const promptTokens = countTokens(prompt);
    const latencyMs = latencyFor(generation);
    recordInvocation(
      context,
      {
        accountId: request.accountId,
        region: request.region,
        modelArn: model.modelArn,
      },
      admission.admittedAt,
      { input: promptTokens, output: generation.tokens, latencyMs },
    );
    await context.clock.sleepUntil(
      admission.admittedAt + scaledMs(context.options, latencyMs / 1000),
    );
    return {
      generation,
      promptTokens,
      latencyMs,
      admittedAt: admission.admittedAt,
    };
  } finally {
    admission.done();
  }
}

function invocationBody(call: Call): {
  body: InvocationRequest;
  model: ImportedModel;
} {
  const body = parseInvocationBody(parseJson(call.request));
  const model = importedModel(call);
  if (body.format === 'openai-chat' && !model.hasChatTemplate) {
    throw validationError(
      'This model has no chat template, so it cannot take "messages". Send a "prompt", or import the model with a chat template.',
    );
  }
  return { body, model };
}

function conversation(call: Call) {
  const input = readConverseInput(parseJson(call.request));
  const model = importedModel(call);
  if (!model.instructSupported) {
    throw validationError(
      "This model doesn't support the Converse API. Use InvokeModel with the model's own request format instead.",
    );
  }
  return { input, model };
}

/** The events of a streamed answer, cut after the first by a `modelStreamErrorException` when asked. */
function eventStreamResponse(
  call: Call,
  model: ImportedModel,
  events: Buffer[],
  headers: Record<string, string> = {},
): EmulatorResponse {
  let sent = events;
  if (call.midStreamError) {
    const error = {
      message: 'The model stream was interrupted. Retry your request.',
      originalStatusCode: 500,
      originalMessage: 'The model failed while generating the response.',
    };
    sent = [
      ...events.slice(0, 1),
      exceptionMessage('modelStreamErrorException', error),
    ];
    recordInvocationError(
      call.context,
      {
        accountId: call.request.accountId,
        region: call.request.region,
        modelArn: model.modelArn,
      },
      new AwsError('ModelStreamErrorException', 424, error.message),
    );
  }
  return {
    status: 200,
    headers: { 'content-type': EVENT_STREAM_CONTENT_TYPE, ...headers },
    body: Buffer.concat(sent),
  };
}

async function invokeModel(call: Call): Promise<EmulatorResponse> {
  const { body, model } = invocationBody(call);
  const { generation, promptTokens, latencyMs, admittedAt } = await serve(
    call,
    model,
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
        createdSeconds: Math.floor(admittedAt / 1000),
      }),
    ),
  };
}

async function invokeModelWithResponseStream(
  call: Call,
): Promise<EmulatorResponse> {
  const { body, model } = invocationBody(call);
  const { generation, promptTokens, latencyMs, admittedAt } = await serve(
    call,
    model,
    promptOf(body),
    body.maxTokens,
  );
  const chunks = invocationChunks(body, generation, promptTokens, {
    id: `cmpl-${randomUUID().replace(/-/g, '')}`,
    createdSeconds: Math.floor(admittedAt / 1000),
    latencyMs,
  });
  return eventStreamResponse(
    call,
    model,
    chunks.map(chunk =>
      eventMessage('chunk', {
        bytes: Buffer.from(JSON.stringify(chunk), 'utf8').toString('base64'),
      }),
    ),
    { 'x-amzn-bedrock-content-type': 'application/json' },
  );
}

async function converse(call: Call): Promise<EmulatorResponse> {
  const { input, model } = conversation(call);
  const {
    generation,
    promptTokens: inputTokens,
    latencyMs,
  } = await serve(call, model, input.prompt, input.maxTokens);
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

async function converseStream(call: Call): Promise<EmulatorResponse> {
  const { input, model } = conversation(call);
  const {
    generation,
    promptTokens: inputTokens,
    latencyMs,
  } = await serve(call, model, input.prompt, input.maxTokens);
  return eventStreamResponse(
    call,
    model,
    converseStreamEvents(generation, inputTokens, latencyMs).map(
      ([type, members]) => eventMessage(type, members),
    ),
  );
}

const HANDLERS: Record<string, (call: Call) => Promise<EmulatorResponse>> = {
  InvokeModel: invokeModel,
  InvokeModelWithResponseStream: invokeModelWithResponseStream,
  Converse: converse,
  ConverseStream: converseStream,
};

/** Counts an error answer in the model's error metrics, when the call named an imported model. */
function countError(call: Call, error: AwsError): void {
  const arn = parseBedrockArn(call.modelId);
  if (!arn || arn.kind !== 'imported-model') return;
  const model = new BedrockStore(
    call.context,
    call.request.accountId,
    call.request.region,
  ).findModel(call.modelId);
  if (!model) return;
  recordInvocationError(
    call.context,
    {
      accountId: call.request.accountId,
      region: call.request.region,
      modelArn: model.modelArn,
    },
    error,
  );
}

/** ModelTimeoutException (408) and ModelErrorException (424), for fault injection. Wording unverified. */
function modelFaultError(
  fault: 'modelTimeout' | 'modelError',
  request: EmulatorRequest,
): AwsError {
  if (fault === 'modelTimeout') {
    return new AwsError(
      'ModelTimeoutException',
      408,
      'Model has timed out in processing the request. Try your request again.',
    );
  }
  return new AwsError(
    'ModelErrorException',
    424,
    'The model returned an error while processing the request: Received server error (500) from the model. Try your request again.',
    { originalStatusCode: 500, resourceName: request.segments[1] ?? '' },
  );
}

/**
 * Bedrock runtime (restJson1, signing name `bedrock`): InvokeModel, InvokeModelWithResponseStream,
 * Converse and ConverseStream for imported models, with cold starts, copies and their metrics.
 */
export function createBedrockRuntimeService(): EmulatorService {
  const inFlight = new CallsInFlight();
  return {
    name: 'bedrock-runtime',
    signingName: 'bedrock',
    resolve(request, context) {
      const [root, modelId, action] = request.segments;
      const operation = OPERATIONS[action];
      if (
        request.method !== 'POST' ||
        request.segments.length !== 3 ||
        root !== 'model' ||
        !operation
      ) {
        return undefined;
      }
      const call = (midStreamError = false): Call => ({
        request,
        context,
        inFlight,
        modelId,
        midStreamError,
      });
      return {
        operation,
        run: options => HANDLERS[operation](call(options?.midStreamError)),
        onError: error => countError(call(), error),
      };
    },
    renderError: error => renderRestJsonError(error),
    throttlingError: bedrockThrottlingError,
    serverError: bedrockServerError,
    accessDeniedError: (request, operation) =>
      bedrockAccessDeniedError(
        request,
        IAM_ACTIONS[operation] ?? 'bedrock:InvokeModel',
      ),
    namedFaultError: (fault, request) =>
      fault === 'modelTimeout' || fault === 'modelError'
        ? modelFaultError(fault, request)
        : undefined,
  };
}

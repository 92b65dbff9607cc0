import { validationError } from '../../core/AwsError';

/** The request formats imported models accept on InvokeModel. */
export type InvocationRequest =
  | { format: 'bedrock-completion'; prompt: string; maxTokens: number }
  | { format: 'openai-completion'; prompt: string; maxTokens: number }
  | {
      format: 'openai-chat';
      messages: Array<{ role: string; content: string }>;
      maxTokens: number;
    };

const DEFAULT_MAX_TOKENS = 512;

function maxTokensOf(value: unknown, member: string): number {
  if (value === undefined) return DEFAULT_MAX_TOKENS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw validationError(
      `Malformed input request: ${member} must be a positive integer, please reformat your input and try again.`,
    );
  }
  return value;
}

/**
 * The text of an OpenAI chat message's `content`: a string, or an array of content parts
 * (`[{type: "text", text: "..."}]`) whose texts are joined. Only text parts are emulated.
 */
function messageText(content: unknown, index: number): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) {
    throw validationError(
      `Malformed input request: messages[${index}].content must be a string or an array of content parts, please reformat your input and try again.`,
    );
  }
  return content
    .map((part, j) => {
      const p = (part ?? {}) as Record<string, unknown>;
      if (p.type !== 'text' || typeof p.text !== 'string') {
        throw validationError(
          `Malformed input request: messages[${index}].content[${j}] must be {"type": "text", "text": "..."} (the emulator takes only text parts), please reformat your input and try again.`,
        );
      }
      return p.text;
    })
    .join('\n');
}

/**
 * Recognises the body format: `messages` is OpenAI chat, `prompt` with `max_tokens` OpenAI
 * completion, `prompt` otherwise Bedrock's completion format (`max_gen_len`).
 */
export function parseInvocationBody(body: unknown): InvocationRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationError(
      'Malformed input request: the body must be a JSON object, please reformat your input and try again.',
    );
  }
  const b = body as Record<string, unknown>;
  if (b.messages !== undefined) {
    if (!Array.isArray(b.messages) || b.messages.length === 0) {
      throw validationError(
        'Malformed input request: messages must be a non-empty array, please reformat your input and try again.',
      );
    }
    const messages = b.messages.map((m, i) => {
      const message = (m ?? {}) as Record<string, unknown>;
      if (typeof message.role !== 'string') {
        throw validationError(
          `Malformed input request: messages[${i}] needs a string role, please reformat your input and try again.`,
        );
      }
      return { role: message.role, content: messageText(message.content, i) };
    });
    return {
      format: 'openai-chat',
      messages,
      maxTokens: maxTokensOf(b.max_tokens, 'max_tokens'),
    };
  }
  if (typeof b.prompt !== 'string') {
    throw validationError(
      'Malformed input request: expected "prompt" (completion) or "messages" (chat), please reformat your input and try again.',
    );
  }
  if (b.max_tokens !== undefined) {
    return {
      format: 'openai-completion',
      prompt: b.prompt,
      maxTokens: maxTokensOf(b.max_tokens, 'max_tokens'),
    };
  }
  return {
    format: 'bedrock-completion',
    prompt: b.prompt,
    maxTokens: maxTokensOf(b.max_gen_len, 'max_gen_len'),
  };
}

/** The prompt text a request amounts to (chat messages joined, as a chat template would). */
export function promptOf(request: InvocationRequest): string {
  return request.format === 'openai-chat'
    ? request.messages.map(m => `${m.role}: ${m.content}`).join('\n')
    : request.prompt;
}

/** Builds the response body in the request's format. */
export function invocationResponse(
  request: InvocationRequest,
  generation: { text: string; tokens: number; stoppedAtLimit: boolean },
  promptTokens: number,
  meta: { id: string; createdSeconds: number },
): Record<string, unknown> {
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: generation.tokens,
    total_tokens: promptTokens + generation.tokens,
  };
  const finishReason = generation.stoppedAtLimit ? 'length' : 'stop';
  switch (request.format) {
    case 'bedrock-completion':
      return {
        generation: generation.text,
        prompt_token_count: promptTokens,
        generation_token_count: generation.tokens,
        stop_reason: generation.stoppedAtLimit ? 'length' : 'stop',
      };
    case 'openai-completion':
      return {
        id: meta.id,
        object: 'text_completion',
        created: meta.createdSeconds,
        choices: [
          { index: 0, text: generation.text, finish_reason: finishReason },
        ],
        usage,
      };
    default:
      return {
        id: meta.id,
        object: 'chat.completion',
        created: meta.createdSeconds,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: generation.text },
            finish_reason: finishReason,
          },
        ],
        usage,
      };
  }
}

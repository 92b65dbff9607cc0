import { Generation } from './generateText';
import { InvocationRequest } from './invocationFormats';

/** The generated text in the pieces a stream sends: a word each, spaces kept with the next word. */
function pieces(generation: Generation): string[] {
  const words = generation.text.split(' ').filter(Boolean);
  if (words.length === 0) return [''];
  return words.map((word, i) => (i === 0 ? word : ` ${word}`));
}

/**
 * The JSON bodies of InvokeModelWithResponseStream's `chunk` events, one per piece, in the request's
 * format. Unverified: AWS documents the streamed chunks of base models, not of imported ones; these
 * follow the Llama format's (`generation`, counts, `stop_reason`, and Bedrock's
 * `amazon-bedrock-invocationMetrics` on the last chunk) and OpenAI's streaming shapes.
 */
export function invocationChunks(
  request: InvocationRequest,
  generation: Generation,
  promptTokens: number,
  meta: { id: string; createdSeconds: number; latencyMs: number },
): Array<Record<string, unknown>> {
  const parts = pieces(generation);
  const last = parts.length - 1;
  const stop = generation.stoppedAtLimit ? 'length' : 'stop';
  const invocationMetrics = {
    inputTokenCount: promptTokens,
    outputTokenCount: generation.tokens,
    invocationLatency: meta.latencyMs,
    firstByteLatency: Math.min(meta.latencyMs, 40),
  };
  return parts.map((text, i) => {
    const final = i === last;
    const metrics = final
      ? { 'amazon-bedrock-invocationMetrics': invocationMetrics }
      : {};
    switch (request.format) {
      case 'bedrock-completion':
        return {
          generation: text,
          prompt_token_count: i === 0 ? promptTokens : null,
          generation_token_count: Math.min(i + 1, generation.tokens),
          stop_reason: final ? stop : null,
          ...metrics,
        };
      case 'openai-completion':
        return {
          id: meta.id,
          object: 'text_completion',
          created: meta.createdSeconds,
          choices: [{ index: 0, text, finish_reason: final ? stop : null }],
          ...metrics,
        };
      default:
        return {
          id: meta.id,
          object: 'chat.completion.chunk',
          created: meta.createdSeconds,
          choices: [
            {
              index: 0,
              delta:
                i === 0
                  ? { role: 'assistant', content: text }
                  : { content: text },
              finish_reason: final ? stop : null,
            },
          ],
          ...metrics,
        };
    }
  });
}

/**
 * ConverseStream's events (bedrock-runtime `ConverseStreamOutput`): messageStart, a
 * contentBlockDelta per piece of text block 0, contentBlockStop, messageStop, then metadata with
 * the usage and latency, as event type and members.
 */
export function converseStreamEvents(
  generation: Generation,
  inputTokens: number,
  latencyMs: number,
): Array<[string, Record<string, unknown>]> {
  return [
    ['messageStart', { role: 'assistant' }],
    ...pieces(generation).map((text): [string, Record<string, unknown>] => [
      'contentBlockDelta',
      { contentBlockIndex: 0, delta: { text } },
    ]),
    ['contentBlockStop', { contentBlockIndex: 0 }],
    [
      'messageStop',
      { stopReason: generation.stoppedAtLimit ? 'max_tokens' : 'end_turn' },
    ],
    [
      'metadata',
      {
        usage: {
          inputTokens,
          outputTokens: generation.tokens,
          totalTokens: inputTokens + generation.tokens,
        },
        metrics: { latencyMs },
      },
    ],
  ];
}

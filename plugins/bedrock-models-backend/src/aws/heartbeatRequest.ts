/** The smallest call that reaches a model's copy: one token, through the API its format takes. */
export type HeartbeatRequest =
  | { api: 'converse' }
  | { api: 'invoke'; body: Record<string, string | number> };

/** The prompt of a heartbeat: one short token's worth. */
export const HEARTBEAT_PROMPT = 'ping';

/**
 * Converse with `maxTokens: 1` where the model supports it (a chat template ships); otherwise InvokeModel
 * with the smallest body its architecture takes: Llama's Bedrock completion (`max_gen_len`), and the
 * `max_tokens` completion for the others (Mistral's own format, and the OpenAI completion format AWS
 * offers for Qwen, GPT-OSS and every model imported since November 2025).
 */
export function heartbeatRequest(version: {
  instructSupported?: boolean;
  architecture?: string;
}): HeartbeatRequest {
  if (version.instructSupported) return { api: 'converse' };
  const family = (version.architecture ?? '').toLowerCase();
  if (family === 'llama' || family === 'mllama' || family === '') {
    // An unknown architecture gets the format the portal's other calls use (ModelInvoker).
    return {
      api: 'invoke',
      body: { prompt: HEARTBEAT_PROMPT, max_gen_len: 1 },
    };
  }
  return { api: 'invoke', body: { prompt: HEARTBEAT_PROMPT, max_tokens: 1 } };
}

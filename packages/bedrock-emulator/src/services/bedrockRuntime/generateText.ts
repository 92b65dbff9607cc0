import { createHash } from 'node:crypto';

/**
 * The emulator's "model": deterministic text derived from the prompt, so tests can assert on it.
 * Same model, prompt and limit give the same text. No ML.
 */
const WORDS = (
  'the model answers with care and reports what it found in the data you gave it so that teams can ' +
  'review each result compare versions measure cost and decide which fine tune serves production next'
).split(' ');

/** Counts tokens the emulator's way: words and punctuation marks (documented, not a real tokenizer). */
export function countTokens(text: string): number {
  return (text.match(/[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu) ?? []).length;
}

/** Generated text and why it stopped. */
export type Generation = {
  text: string;
  tokens: number;
  stoppedAtLimit: boolean;
};

/**
 * Generates up to `maxTokens` words: the natural length (8 to 40 words) comes from a hash of the
 * model and prompt, and generation stops early at the limit.
 */
export function generateText(
  modelId: string,
  prompt: string,
  maxTokens: number,
): Generation {
  const digest = createHash('sha256').update(`${modelId}\n${prompt}`).digest();
  const natural = 8 + (digest[0] % 33);
  const length = Math.max(0, Math.min(natural, maxTokens));
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    words.push(WORDS[digest[(i + 1) % digest.length] % WORDS.length]);
  }
  let text = words.join(' ');
  if (text.length > 0) {
    text = `${text[0].toUpperCase()}${text.slice(1)}${
      length === natural ? '.' : ''
    }`;
  }
  return { text, tokens: length, stoppedAtLimit: length < natural };
}

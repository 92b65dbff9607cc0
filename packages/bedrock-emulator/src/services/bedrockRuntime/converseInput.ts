import { validationError } from '../../core/AwsError';

type ConverseMessage = { role: string; content: Array<{ text?: string }> };

/** What Converse and ConverseStream take from their input: the prompt as a chat template renders it. */
export type ConverseInput = { prompt: string; maxTokens: number };

/**
 * Reads a Converse or ConverseStream input (`messages`, `system`, `inferenceConfig.maxTokens`),
 * refusing what AWS refuses: no messages, another role than user or assistant, a message without
 * content, a conversation that does not start with the user.
 */
export function readConverseInput(body: unknown): ConverseInput {
  const input = body as {
    messages?: ConverseMessage[];
    system?: Array<{ text?: string }>;
    inferenceConfig?: { maxTokens?: number };
  } | null;
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
  return { prompt: texts.join('\n'), maxTokens };
}

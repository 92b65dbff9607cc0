import { countTokens, generateText } from './generateText';
import { invocationResponse, parseInvocationBody } from './invocationFormats';

describe('generateText', () => {
  it('is deterministic per model and prompt, and differs between prompts', () => {
    const a = generateText('m1', 'Summarise the ticket', 100);
    expect(generateText('m1', 'Summarise the ticket', 100)).toEqual(a);
    expect(generateText('m1', 'Another prompt', 100).text).not.toEqual(a.text);
    expect(a.tokens).toBeGreaterThanOrEqual(8);
    expect(countTokens(a.text)).toBe(a.tokens + 1); // the closing full stop
  });

  it('stops at the token limit and says so', () => {
    const g = generateText('m1', 'Summarise the ticket', 3);
    expect(g).toMatchObject({ tokens: 3, stoppedAtLimit: true });
    expect(g.text.split(' ')).toHaveLength(3);
  });

  it('counts words and punctuation as tokens', () => {
    expect(countTokens('Hello, world!')).toBe(4);
    expect(countTokens('')).toBe(0);
  });
});

describe('invocation formats', () => {
  it('recognises the three request formats', () => {
    expect(parseInvocationBody({ prompt: 'hi', max_gen_len: 5 })).toEqual({
      format: 'bedrock-completion',
      prompt: 'hi',
      maxTokens: 5,
    });
    expect(parseInvocationBody({ prompt: 'hi', max_tokens: 7 })).toEqual({
      format: 'openai-completion',
      prompt: 'hi',
      maxTokens: 7,
    });
    expect(
      parseInvocationBody({ messages: [{ role: 'user', content: 'hi' }] }),
    ).toMatchObject({ format: 'openai-chat', maxTokens: 512 });
  });

  it.each([
    [[]],
    [{}],
    [{ messages: [] }],
    [{ messages: [{ role: 'user' }] }],
    [{ prompt: 'x', max_tokens: 0 }],
  ])('refuses %p as malformed input', body => {
    expect(() => parseInvocationBody(body)).toThrow(/Malformed input request/);
  });

  it('answers in the request format', () => {
    const generation = { text: 'Ok.', tokens: 1, stoppedAtLimit: false };
    const meta = { id: 'cmpl-1', createdSeconds: 100 };
    expect(
      invocationResponse(
        { format: 'bedrock-completion', prompt: 'p', maxTokens: 5 },
        generation,
        2,
        meta,
      ),
    ).toEqual({
      generation: 'Ok.',
      prompt_token_count: 2,
      generation_token_count: 1,
      stop_reason: 'stop',
    });
    expect(
      invocationResponse(
        { format: 'openai-chat', messages: [], maxTokens: 5 },
        generation,
        2,
        meta,
      ),
    ).toMatchObject({
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Ok.' },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 },
    });
    expect(
      invocationResponse(
        { format: 'openai-completion', prompt: 'p', maxTokens: 5 },
        generation,
        2,
        meta,
      ),
    ).toMatchObject({
      object: 'text_completion',
      choices: [{ text: 'Ok.' }],
    });
  });
});

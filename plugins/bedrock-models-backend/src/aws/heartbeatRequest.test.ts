import { heartbeatRequest } from './heartbeatRequest';

describe('the heartbeat request', () => {
  it('is a one-token Converse where the model takes Converse', () => {
    expect(
      heartbeatRequest({ instructSupported: true, architecture: 'llama' }),
    ).toEqual({ api: 'converse' });
  });

  it("is the smallest InvokeModel body of the model's format otherwise", () => {
    expect(heartbeatRequest({ architecture: 'llama' })).toEqual({
      api: 'invoke',
      body: { prompt: 'ping', max_gen_len: 1 },
    });
    expect(heartbeatRequest({})).toEqual({
      api: 'invoke',
      body: { prompt: 'ping', max_gen_len: 1 },
    });
    for (const architecture of ['qwen2', 'mistral', 'gpt_oss']) {
      expect(
        heartbeatRequest({ instructSupported: false, architecture }),
      ).toEqual({ api: 'invoke', body: { prompt: 'ping', max_tokens: 1 } });
    }
  });
});

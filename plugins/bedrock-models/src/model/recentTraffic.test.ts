import { recentTrafficNotice } from './recentTraffic';

describe('recentTrafficNotice', () => {
  it('warns when the version was called in the last 30 days, with how often and when last', () => {
    expect(
      recentTrafficNotice(
        { invocations30d: 1234, lastInvokedAt: '2026-11-19T14:00:00.000Z' },
        3,
      ),
    ).toEqual({
      level: 'warning',
      text: "Version 3 had traffic recently: 1,234 calls in the last 30 days, last at 2026-11-19 14:00 UTC. Callers that use its ARN directly (not through a pointer's SSM parameter) fail once it is retired.",
    });
  });

  it('says the version was quiet, or that nobody knows yet', () => {
    expect(recentTrafficNotice({ invocations30d: 0 }, 3)).toEqual({
      level: 'info',
      text: 'Version 3 was not called in the last 30 days.',
    });
    expect(recentTrafficNotice(undefined, 3).level).toBe('info');
    expect(recentTrafficNotice({}, 3).text).toMatch(/not known yet/);
  });
});

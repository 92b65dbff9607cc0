import { awsReachability } from './awsReachability';
import { governanceReport } from '../__testUtils__/governanceFixtures';

const ok = {
  accountId: '111122223333',
  region: 'us-east-1',
  lastAttemptAt: '2026-11-20T11:55:00.000Z',
  outsideJobsInProgress: 0,
  lastSuccessAt: '2026-11-20T11:55:00.000Z',
};

describe('awsReachability', () => {
  it('is undefined when costs and every Region were read', () => {
    expect(awsReachability(governanceReport({ sync: [ok] }))).toBeUndefined();
  });

  it('names each failing Region and the cost errors, since the earliest failure', () => {
    const result = awsReachability(
      governanceReport({
        staleSince: '2026-11-20T10:00:00.000Z',
        awsErrors: ['CloudWatch in us-east-1: Throttling'],
        lastSyncAt: '2026-11-20T07:00:00.000Z',
        sync: [
          ok,
          {
            ...ok,
            region: 'eu-central-1',
            lastSuccessAt: '2026-11-20T07:00:00.000Z',
            failingSince: '2026-11-20T07:05:00.000Z',
            lastError: 'AccessDeniedException: not authorized',
          },
        ],
      }),
    );
    expect(result).toEqual({
      since: '2026-11-20T07:05:00.000Z',
      lastSync: '2026-11-20T07:00:00.000Z',
      detail:
        'Discovery in 111122223333/eu-central-1: AccessDeniedException: not authorized · CloudWatch in us-east-1: Throttling',
    });
  });
});

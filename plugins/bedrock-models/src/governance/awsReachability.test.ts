import { awsReachability } from './awsReachability';
import {
  aSyncState,
  governanceReport,
} from '../__testUtils__/governanceFixtures';

const ok = aSyncState();

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
          aSyncState({
            region: 'eu-central-1',
            lastSuccessAt: '2026-11-20T07:00:00.000Z',
            failingSince: '2026-11-20T07:05:00.000Z',
            lastError: 'AccessDeniedException: not authorized',
          }),
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

import type { GovernanceReport } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { ReportPrefetch } from './ReportPrefetch';

const report = (totalCount: number) =>
  ({ totalCount, rows: [] } as unknown as GovernanceReport);

describe('ReportPrefetch', () => {
  const eu = { region: 'eu-central-1', limit: '25' };
  const us = { region: 'us-east-1', limit: '25' };

  it('hands the read it started to the page asking for the same query, once', async () => {
    const prefetch = new ReportPrefetch();
    const read = jest.fn(async () => report(3));
    prefetch.start(eu, read);

    await expect(
      prefetch.take({ region: 'eu-central-1', limit: '25' }),
    ).resolves.toEqual(report(3));
    // A retry reads afresh.
    expect(prefetch.take(eu)).toBeUndefined();
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('hands nothing for another query, and a later start replaces an earlier one', async () => {
    const prefetch = new ReportPrefetch();
    prefetch.start(eu, async () => report(1));
    expect(prefetch.take(us)).toBeUndefined();

    prefetch.start(us, async () => report(2));
    expect(prefetch.take(eu)).toBeUndefined();
    await expect(prefetch.take(us)).resolves.toEqual(report(2));
  });

  it('leaves a failed read to whoever takes it, and a failed read never taken is no unhandled rejection', async () => {
    const prefetch = new ReportPrefetch();
    prefetch.start(eu, async () => {
      throw new Error('503 from the backend');
    });
    await expect(prefetch.take(eu)).rejects.toThrow('503 from the backend');

    prefetch.start(us, async () => {
      throw new Error('never taken');
    });
    prefetch.start(eu, async () => report(1));
    // Jest fails the run on an unhandled rejection; reaching the end is the check.
    await new Promise(resolve => setTimeout(resolve, 10));
  });
});

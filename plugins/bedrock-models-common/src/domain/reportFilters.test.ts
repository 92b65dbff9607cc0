import type { GovernanceReportRow } from '../schema/openapi/generated';
import { isIdle, matchesReportFilters } from './reportFilters';

const row = (overrides: Partial<GovernanceReportRow>): GovernanceReportRow => ({
  model: 'support-summarizer',
  owner: 'group:default/support-ml',
  classification: 'internal',
  accountId: '123456789012',
  region: 'us-east-1',
  version: 2,
  status: 'ready',
  pointers: ['production'],
  createdBy: 'user:default/ana',
  createdAt: '2026-11-01T00:00:00.000Z',
  managed: true,
  productionVersion: 2,
  lastPromotedBy: 'user:default/bo',
  ...overrides,
});

describe('matchesReportFilters', () => {
  it('lets every row through without filters', () => {
    expect(matchesReportFilters(row({}), {})).toBe(true);
  });

  it('matches value filters exactly, managed and production by their meaning', () => {
    expect(matchesReportFilters(row({}), { region: 'us-east-1' })).toBe(true);
    expect(matchesReportFilters(row({}), { region: 'eu-central-1' })).toBe(
      false,
    );
    expect(matchesReportFilters(row({}), { managed: 'unmanaged' })).toBe(false);
    expect(matchesReportFilters(row({}), { production: 'serving' })).toBe(true);
    expect(
      matchesReportFilters(row({ version: 1 }), { production: 'serving' }),
    ).toBe(false);
    expect(
      matchesReportFilters(row({ productionVersion: undefined }), {
        production: 'not-serving',
      }),
    ).toBe(true);
  });

  it('searches model, owner, ARN, people, account and Region, ignoring case', () => {
    expect(matchesReportFilters(row({}), { q: 'SUMMAR' })).toBe(true);
    expect(matchesReportFilters(row({}), { q: 'default/bo' })).toBe(true);
    expect(matchesReportFilters(row({}), { q: 'claims' })).toBe(false);
    expect(matchesReportFilters(row({}), { q: '  ' })).toBe(true);
  });

  it('tells named from unnamed versions, and residency and publishing problems by the row', () => {
    expect(matchesReportFilters(row({}), { named: 'named' })).toBe(true);
    expect(
      matchesReportFilters(row({ pointers: [] }), { named: 'named' }),
    ).toBe(false);
    expect(
      matchesReportFilters(row({ pointers: [] }), { named: 'unnamed' }),
    ).toBe(true);
    expect(matchesReportFilters(row({}), { residency: 'violates' })).toBe(
      false,
    );
    expect(
      matchesReportFilters(row({ residencyViolation: true }), {
        residency: 'violates',
      }),
    ).toBe(true);
    expect(
      matchesReportFilters(row({ publishingFailing: true }), {
        publishing: 'failing',
      }),
    ).toBe(true);
    expect(matchesReportFilters(row({}), { publishing: 'failing' })).toBe(
      false,
    );
  });
});

describe('isIdle', () => {
  const now = new Date('2026-11-29T12:00:00.000Z');

  it('calls a live version idle when its last call is older than the days asked, or it had none', () => {
    const read = { status: 'ready', invocations30d: 4 };
    expect(
      isIdle({ ...read, lastInvokedAt: '2026-11-20T12:00:00.000Z' }, 7, now),
    ).toBe(true);
    expect(
      isIdle({ ...read, lastInvokedAt: '2026-11-25T12:00:00.000Z' }, 7, now),
    ).toBe(false);
    expect(isIdle({ status: 'ready', invocations30d: 0 }, 7, now)).toBe(true);
  });

  it('never calls idle what was not read, or what is not live', () => {
    expect(isIdle({ status: 'ready' }, 7, now)).toBe(false);
    expect(isIdle({ status: 'retired', invocations30d: 0 }, 7, now)).toBe(
      false,
    );
    expect(
      matchesReportFilters(row({ invocations30d: 0 }), { idleDays: 7 }, now),
    ).toBe(true);
  });
});

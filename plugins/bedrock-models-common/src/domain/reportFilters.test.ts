import type { GovernanceReportRow } from '../schema/openapi/generated';
import { matchesReportFilters } from './reportFilters';

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
});

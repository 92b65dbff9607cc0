import {
  governanceReport,
  governanceRows,
} from '../__testUtils__/governanceFixtures';
import { readAllReportRows } from './readAllReportRows';
import { regionByModel } from './regionByModel';
import { activeFilters } from './reportFilterChoices';

describe('activeFilters', () => {
  it('sends a search only when it has more than spaces', () => {
    expect(activeFilters({ q: '  ', region: 'us-east-1' })).toEqual({
      q: undefined,
      region: 'us-east-1',
    });
    expect(activeFilters({ q: ' bob ' }).q).toBe('bob');
  });
});

describe('readAllReportRows', () => {
  it('follows the cursors until the last page, with the filters on every request', async () => {
    const rows = governanceRows();
    const asked: unknown[] = [];
    const api = {
      getGovernanceReport: async (query: Record<string, unknown> = {}) => {
        asked.push(query);
        const offset = Number(query.cursor ?? 0);
        return governanceReport({
          rows: rows.slice(offset, offset + 4),
          nextCursor: offset + 4 < rows.length ? String(offset + 4) : undefined,
        });
      },
    };

    const all = await readAllReportRows(api, { owner: 'x' });

    expect(all).toEqual(rows);
    expect(asked).toEqual([
      { owner: 'x', limit: '500', cursor: undefined },
      { owner: 'x', limit: '500', cursor: '4' },
    ]);
  });
});

describe('regionByModel', () => {
  it('shows per model and Region the live versions and what production serves', () => {
    const view = regionByModel(governanceRows());
    expect(view.regions).toEqual(['eu-central-1', 'us-east-1', 'us-west-2']);
    expect(view.models.map(m => m.model)).toEqual([
      'claims-summarizer',
      'code-reviewer',
      'support-assistant',
    ]);
    const support = view.models[2];
    expect(support.cells['us-east-1']).toEqual({
      liveVersions: [1, 2],
      productionVersion: 2,
    });
    expect(support.cells['us-west-2']).toBeUndefined();
    // The retired version is not running anywhere.
    expect(view.models[0].cells['us-east-1'].liveVersions).toEqual([2]);
  });
});

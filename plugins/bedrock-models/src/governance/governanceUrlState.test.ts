import {
  readGovernanceUrl,
  viewOfAttentionItem,
  writeGovernanceUrl,
} from './governanceUrlState';
import {
  columnOfSort,
  DEFAULT_COLUMNS,
  shownColumns,
  sortOfColumn,
} from './reportColumns';

describe('the governance page in its URL', () => {
  it('opens on the attention view, by model, 25 a page, when the URL says nothing', () => {
    const state = readGovernanceUrl(new URLSearchParams());
    expect(state).toEqual({
      view: 'attention',
      attentionIdleDays: 30,
      filters: {},
      order: { sort: 'model', order: 'asc' },
      pageSize: 25,
      cursors: [],
      columns: undefined,
      audit: { filters: {}, cursors: [] },
    });
    expect(writeGovernanceUrl(state).toString()).toBe('');
  });

  it('keeps view, filters, order, page, columns and the audit filters, and reads them back the same', () => {
    const state = readGovernanceUrl(
      new URLSearchParams(
        'view=versions&named=unnamed&region=us-east-1&idleDays=14&sort=cost&order=desc&limit=50' +
          '&cursor=abc&cursor=def&columns=model,cost&auditActor=user:default/ana&auditKind=retire' +
          '&auditFrom=2026-11-01&auditCursor=x',
      ),
    );
    expect(state).toMatchObject({
      view: 'versions',
      filters: { named: 'unnamed', region: 'us-east-1', idleDays: '14' },
      order: { sort: 'cost', order: 'desc' },
      pageSize: 50,
      cursors: ['abc', 'def'],
      columns: ['model', 'cost'],
      audit: {
        filters: {
          actor: 'user:default/ana',
          kind: 'retire',
          from: '2026-11-01',
        },
        cursors: ['x'],
      },
    });
    expect(readGovernanceUrl(writeGovernanceUrl(state))).toEqual(state);
  });

  it('falls back to the defaults for values it does not know', () => {
    const state = readGovernanceUrl(
      new URLSearchParams('view=nope&sort=colour&limit=7&idle=3'),
    );
    expect(state.view).toBe('attention');
    expect(state.order).toEqual({ sort: 'model', order: 'asc' });
    expect(state.pageSize).toBe(25);
    expect(state.attentionIdleDays).toBe(30);
  });

  it("lists an attention item's versions by its report filters, most costly first unless it says", () => {
    expect(
      viewOfAttentionItem({ named: 'unnamed', status: 'ready', other: 'x' }),
    ).toEqual({
      filters: { named: 'unnamed', status: 'ready' },
      order: { sort: 'cost', order: 'desc' },
    });
    expect(
      viewOfAttentionItem({
        idleDays: '30',
        sort: 'lastInvokedAt',
        order: 'asc',
      }).order,
    ).toEqual({ sort: 'lastInvokedAt', order: 'asc' });
  });
});

describe('the governance table columns', () => {
  it('always shows the model column, in the table order, whatever was chosen', () => {
    expect(shownColumns(['cost', 'owner'])).toEqual(['model', 'owner', 'cost']);
    expect(shownColumns(['unknown'])).toEqual(['model']);
    expect(shownColumns(undefined)).toEqual(DEFAULT_COLUMNS);
    expect(DEFAULT_COLUMNS.slice(0, 4)).toEqual([
      'model',
      'version',
      'owner',
      'cost',
    ]);
  });

  it('sorts each sortable column by its backend key, and back', () => {
    expect(sortOfColumn('production')).toBe('productionVersion');
    expect(columnOfSort('productionVersion')).toBe('production');
    expect(columnOfSort('lastInvokedAt')).toBe('lastInvokedAt');
  });
});

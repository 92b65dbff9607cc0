import { toCsv } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  governanceReport,
  productionPointers,
} from '../__testUtils__/governanceFixtures';
import {
  filterGovernanceRows,
  filterOptions,
  GovernanceFilters,
} from './filterGovernanceRows';
import { governanceCsv } from './governanceCsv';
import { toGovernanceRows } from './governanceRows';
import { governanceTotals } from './governanceTotals';
import { regionByModel } from './regionByModel';
import { sortGovernanceRows } from './sortGovernanceRows';

const rows = toGovernanceRows(governanceReport().rows, productionPointers());
const noFilters: GovernanceFilters = { search: '' };
const names = (list: typeof rows) =>
  list.map(r => `${r.model}@${r.region}#${r.version}`);

describe('toGovernanceRows', () => {
  it('adds each Region production version and who moved it last', () => {
    const v1 = rows.find(
      r => r.model === 'support-assistant' && r.version === 1,
    )!;
    expect(v1).toMatchObject({
      productionVersion: 2,
      lastPromotedBy: 'user:default/bob',
      lastPromotedAt: '2026-11-10T09:00:00.000Z',
    });
    const eu = rows.find(r => r.region === 'eu-central-1')!;
    expect(eu.productionVersion).toBe(5);
    const unmanaged = rows.find(r => r.model === 'code-reviewer')!;
    expect(unmanaged.productionVersion).toBeUndefined();
    expect(new Set(rows.map(r => r.id)).size).toBe(rows.length);
  });
});

describe('filterGovernanceRows', () => {
  it('offers the values present in the rows', () => {
    const options = filterOptions(rows);
    expect(options.region).toEqual(['eu-central-1', 'us-east-1', 'us-west-2']);
    expect(options.classification).toEqual(['internal', 'phi', 'public']);
    expect(options.accountId).toEqual(['111122223333', '444455556666']);
  });

  it.each<[Partial<GovernanceFilters>, string[]]>([
    [{ owner: 'group:default/platform' }, ['code-reviewer@us-west-2#1']],
    [{ region: 'eu-central-1' }, ['support-assistant@eu-central-1#5']],
    [{ accountId: '444455556666' }, ['code-reviewer@us-west-2#1']],
    [
      { architecture: 'mistral', status: 'ready' },
      ['claims-summarizer@us-east-1#2'],
    ],
    [
      { classification: 'phi' },
      ['claims-summarizer@us-east-1#1', 'claims-summarizer@us-east-1#2'],
    ],
    [{ managed: 'unmanaged' }, ['code-reviewer@us-west-2#1']],
    [
      { production: 'serving' },
      [
        'support-assistant@us-east-1#2',
        'support-assistant@eu-central-1#5',
        'claims-summarizer@us-east-1#2',
      ],
    ],
    [
      { search: 'BOB' },
      ['support-assistant@us-east-1#1', 'support-assistant@us-east-1#2'],
    ],
    [{ search: 'claims', region: 'us-west-2' }, []],
  ])('%j lets through %j', (filters, expected) => {
    expect(
      names(filterGovernanceRows(rows, { ...noFilters, ...filters })),
    ).toEqual(expected);
  });
});

describe('sortGovernanceRows', () => {
  it('sorts by cost either way, keeping unknown costs last', () => {
    const ascending = sortGovernanceRows(rows, {
      column: 'estimatedMonthlyCost',
      direction: 'ascending',
    });
    expect(ascending.map(r => r.estimatedMonthlyCost)).toEqual([
      10,
      90,
      412.5,
      1200,
      undefined,
      undefined,
    ]);
    const descending = sortGovernanceRows(rows, {
      column: 'estimatedMonthlyCost',
      direction: 'descending',
    });
    expect(descending.map(r => r.estimatedMonthlyCost)).toEqual([
      1200,
      412.5,
      90,
      10,
      undefined,
      undefined,
    ]);
  });

  it('sorts by text, then by model and version', () => {
    const byModel = sortGovernanceRows(rows, {
      column: 'model',
      direction: 'ascending',
    });
    expect(names(byModel)).toEqual([
      'claims-summarizer@us-east-1#1',
      'claims-summarizer@us-east-1#2',
      'code-reviewer@us-west-2#1',
      'support-assistant@us-east-1#1',
      'support-assistant@us-east-1#2',
      'support-assistant@eu-central-1#5',
    ]);
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and neutralises formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['=SUM(A1)', undefined],
          [1, true],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=SUM(A1),\r\n1,true');
  });

  it('exports the governance rows given, with cents', () => {
    const csv = governanceCsv(
      sortGovernanceRows(
        filterGovernanceRows(rows, { ...noFilters, region: 'eu-central-1' }),
        { column: 'model', direction: 'ascending' },
      ),
    );
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^model,version,owner,classification,account,region/,
    );
    expect(lines[1]).toBe(
      'support-assistant,5,group:default/support-ml,internal,111122223333,eu-central-1,ready,llama,arn:aws:bedrock:us-east-1:111122223333:imported-model/support-assistant-v1,production staging,5,user:default/ana,2026-11-10T09:00:00.000Z,true,user:default/ana,2026-11-01T10:00:00.000Z,90',
    );
  });
});

describe('regionByModel', () => {
  it('shows per model and Region the live versions and what production serves', () => {
    const view = regionByModel(rows);
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

describe('governanceTotals', () => {
  it('sums models, live versions, production and cost per team and Region', () => {
    const totals = governanceTotals(rows);
    expect(totals.byTeam.map(t => t.key)).toEqual([
      'group:default/claims',
      'group:default/platform',
      'group:default/support-ml',
    ]);
    expect(totals.byTeam[2]).toEqual({
      key: 'group:default/support-ml',
      models: 1,
      liveVersions: 3,
      inProduction: 2,
      estimatedMonthlyCost: 512.5,
      versionsWithoutCost: 0,
    });
    expect(totals.byTeam[1].versionsWithoutCost).toBe(1);
    expect(totals.byRegion.find(t => t.key === 'us-east-1')).toMatchObject({
      models: 2,
      liveVersions: 3,
      inProduction: 2,
      estimatedMonthlyCost: 1622.5,
    });
    expect(totals.overall).toMatchObject({ models: 3, liveVersions: 5 });
    expect(governanceTotals([]).overall.models).toBe(0);
  });
});

import type { ReportSort } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** A column of the governance table: its id, its header, and the backend's sort key when it sorts. */
export type ReportColumn = {
  id: string;
  label: string;
  sort?: ReportSort;
  /** Shown unless the reviewer chose otherwise. */
  byDefault: boolean;
};

/**
 * The table's columns in the order reviewers read them: what it is and who owns it, then what it costs,
 * whether it serves and is used, then where it runs and the rest. The model column is always shown (and
 * stays in place while the table scrolls sideways). `production` is labelled after the first alias.
 */
export const REPORT_COLUMNS: readonly ReportColumn[] = [
  { id: 'model', label: 'Model', sort: 'model', byDefault: true },
  { id: 'version', label: 'Version', sort: 'version', byDefault: true },
  { id: 'owner', label: 'Owner', sort: 'owner', byDefault: true },
  { id: 'cost', label: 'Cost / month', sort: 'cost', byDefault: true },
  {
    id: 'production',
    label: 'Production',
    sort: 'productionVersion',
    byDefault: true,
  },
  {
    id: 'lastInvokedAt',
    label: 'Last invoked',
    sort: 'lastInvokedAt',
    byDefault: true,
  },
  { id: 'status', label: 'Status', sort: 'status', byDefault: true },
  { id: 'region', label: 'Region', sort: 'region', byDefault: true },
  {
    id: 'classification',
    label: 'Class',
    sort: 'classification',
    byDefault: true,
  },
  {
    id: 'lastPromotedAt',
    label: 'Last promoted',
    sort: 'lastPromotedAt',
    byDefault: true,
  },
  { id: 'managed', label: 'Managed', sort: 'managed', byDefault: true },
  {
    id: 'architecture',
    label: 'Architecture',
    sort: 'architecture',
    byDefault: false,
  },
  { id: 'createdAt', label: 'Created', sort: 'createdAt', byDefault: false },
];

/** The column that is always shown. */
export const FIXED_COLUMN = 'model';

/** The columns shown by default. */
export const DEFAULT_COLUMNS = REPORT_COLUMNS.filter(c => c.byDefault).map(
  c => c.id,
);

/** A chosen set of columns, cleaned: known ids only, in the table's order, the model column always in. */
export function shownColumns(chosen: readonly string[] | undefined): string[] {
  const wanted = new Set(chosen ?? DEFAULT_COLUMNS);
  wanted.add(FIXED_COLUMN);
  return REPORT_COLUMNS.filter(c => wanted.has(c.id)).map(c => c.id);
}

/** The column a sort key belongs to. */
export function columnOfSort(sort: ReportSort): string | undefined {
  return REPORT_COLUMNS.find(c => c.sort === sort)?.id;
}

/** The sort key of a column, if the backend sorts by it. */
export function sortOfColumn(column: string): ReportSort | undefined {
  return REPORT_COLUMNS.find(c => c.id === column)?.sort;
}

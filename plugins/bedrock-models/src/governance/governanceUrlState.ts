import {
  AuditTrailFilters,
  GovernanceReportFilters,
  GovernanceReportQuery,
  REPORT_SORT_KEYS,
  ReportSort,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { activeFilters } from './reportFilterChoices';

/** The governance page's views, as the URL names them. */
export const GOVERNANCE_VIEWS = [
  'attention',
  'versions',
  'where',
  'totals',
  'cost',
  'audit',
] as const;

/** One of the governance page's views. */
export type GovernanceView = (typeof GOVERNANCE_VIEWS)[number];

/** What the report is sorted by, as the backend takes it. */
export type ReportOrder = { sort: ReportSort; order: 'asc' | 'desc' };

/** The idle periods the attention view and the filter offer (the backend takes 1-60 days). */
export const IDLE_DAY_CHOICES = [7, 14, 30, 60];

/** The idle period the attention view starts with (the backend's default). */
export const DEFAULT_IDLE_DAYS = 30;

/** Page sizes the versions table offers. */
export const PAGE_SIZES = [25, 50, 100];

/** The report's filters the page sets, each the query parameter of `GET /report` of the same name. */
export const REPORT_FILTER_KEYS = [
  'q',
  'owner',
  'region',
  'account',
  'architecture',
  'classification',
  'status',
  'managed',
  'production',
  'named',
  'idleDays',
  'residency',
  'publishing',
] as const satisfies ReadonlyArray<keyof GovernanceReportFilters>;

/** The audit trail's filters, each under its own name in the page's URL (the report has some of the same). */
export const AUDIT_FILTER_PARAMS = {
  model: 'auditModel',
  owner: 'auditOwner',
  actor: 'auditActor',
  region: 'auditRegion',
  kind: 'auditKind',
  from: 'auditFrom',
  to: 'auditTo',
} as const satisfies Record<keyof AuditTrailFilters, string>;

/** Everything the governance page shows that a shared link should bring back. */
export type GovernanceUrlState = {
  view: GovernanceView;
  /** Days without invocations the attention view counts as idle. */
  attentionIdleDays: number;
  filters: GovernanceReportFilters;
  order: ReportOrder;
  pageSize: number;
  /** The backend's cursor of each page after the first that was visited to reach this one (forward only). */
  cursors: string[];
  /** The versions table's columns, when chosen (else the default set). */
  columns?: string[];
  audit: { filters: AuditTrailFilters; cursors: string[] };
};

/** The report's default order: by model (then version, as the backend breaks ties). */
export const DEFAULT_ORDER: ReportOrder = { sort: 'model', order: 'asc' };

const isView = (v: string | null): v is GovernanceView =>
  (GOVERNANCE_VIEWS as readonly string[]).includes(v ?? '');
const isSortKey = (v: string | null): v is ReportSort =>
  (REPORT_SORT_KEYS as readonly string[]).includes(v ?? '');

/** Reads the page's state from its URL's query; anything missing or unknown is the default. */
export function readGovernanceUrl(params: URLSearchParams): GovernanceUrlState {
  const filters: Record<string, string> = {};
  for (const key of REPORT_FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const audit: Record<string, string> = {};
  for (const [key, param] of Object.entries(AUDIT_FILTER_PARAMS)) {
    const value = params.get(param);
    if (value) audit[key] = value;
  }
  const sort = params.get('sort');
  const size = Number(params.get('limit'));
  const columns = params.get('columns');
  const idle = Number(params.get('idle'));
  return {
    view: isView(params.get('view'))
      ? (params.get('view') as GovernanceView)
      : 'attention',
    attentionIdleDays: IDLE_DAY_CHOICES.includes(idle)
      ? idle
      : DEFAULT_IDLE_DAYS,
    // The URL is the page's own; the backend refuses values outside the contract with a clear 400.
    filters: filters as GovernanceReportFilters,
    order: isSortKey(sort)
      ? { sort, order: params.get('order') === 'desc' ? 'desc' : 'asc' }
      : DEFAULT_ORDER,
    pageSize: PAGE_SIZES.includes(size) ? size : PAGE_SIZES[0],
    cursors: params.getAll('cursor').filter(Boolean),
    columns: columns ? columns.split(',').filter(Boolean) : undefined,
    audit: {
      filters: audit as AuditTrailFilters,
      cursors: params.getAll('auditCursor').filter(Boolean),
    },
  };
}

/** The page of the report a state shows: its filters (a blank search is none), order, size and cursor. */
export function reportPageQuery(
  state: GovernanceUrlState,
): GovernanceReportQuery {
  return {
    ...activeFilters(state.filters),
    sort: state.order.sort,
    order: state.order.order,
    limit: String(state.pageSize),
    cursor: state.cursors[state.cursors.length - 1],
  };
}

/** The URL query of a page state: only what differs from the defaults, so links stay short. */
export function writeGovernanceUrl(state: GovernanceUrlState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.view !== 'attention') params.set('view', state.view);
  if (state.attentionIdleDays !== DEFAULT_IDLE_DAYS) {
    params.set('idle', String(state.attentionIdleDays));
  }
  for (const key of REPORT_FILTER_KEYS) {
    const value = state.filters[key];
    if (value !== undefined && String(value).trim() !== '') {
      params.set(key, String(value));
    }
  }
  if (
    state.order.sort !== DEFAULT_ORDER.sort ||
    state.order.order !== DEFAULT_ORDER.order
  ) {
    params.set('sort', state.order.sort);
    params.set('order', state.order.order);
  }
  if (state.pageSize !== PAGE_SIZES[0]) {
    params.set('limit', String(state.pageSize));
  }
  for (const cursor of state.cursors) params.append('cursor', cursor);
  if (state.columns) params.set('columns', state.columns.join(','));
  for (const [key, param] of Object.entries(AUDIT_FILTER_PARAMS)) {
    const value = state.audit.filters[key as keyof AuditTrailFilters];
    if (value) params.set(param, value);
  }
  for (const cursor of state.audit.cursors)
    params.append('auditCursor', cursor);
  return params;
}

/**
 * What an attention item lists, as the page's filters and order: its `filters` are the report's query
 * parameters (parameters the page does not know are left out); it sorts as they say, else most costly
 * first.
 */
export function viewOfAttentionItem(itemFilters: Record<string, string>): {
  filters: GovernanceReportFilters;
  order: ReportOrder;
} {
  const filters: Record<string, string> = {};
  for (const key of REPORT_FILTER_KEYS) {
    if (itemFilters[key]) filters[key] = itemFilters[key];
  }
  const sort = itemFilters.sort ?? null;
  return {
    filters: filters as GovernanceReportFilters,
    order: isSortKey(sort)
      ? { sort, order: itemFilters.order === 'asc' ? 'asc' : 'desc' }
      : { sort: 'cost', order: 'desc' },
  };
}

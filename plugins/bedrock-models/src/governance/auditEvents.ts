import type {
  AuditEvent,
  AuditEventKind,
  AuditTrailFilters,
  AuditTrailQuery,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** A model name as the audit trail's `model` filter takes it (the backend's pattern). */
export const MODEL_NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Each kind of event as the filter names it. */
export const AUDIT_KIND_LABELS: Record<AuditEventKind, string> = {
  import: 'Import',
  promote: 'Promote',
  rollback: 'Rollback',
  retire: 'Retire',
  'approval-requested': 'Approval requested',
  'approval-approved': 'Approval given',
  'approval-rejected': 'Approval rejected',
  'approval-cancelled': 'Approval request cancelled',
  'approval-expired': 'Approval request expired',
  'approval-stale': 'Approval request stale',
};

const v = (n: number | undefined) => (n === undefined ? 'no version' : `v${n}`);

/** Where a pointer event happened: `production in us-east-1`. */
function pointerOf(event: AuditEvent): string {
  const where = event.region ? ` in ${event.region}` : '';
  return `${event.alias ?? 'a pointer'}${where}`;
}

function moveOf(event: AuditEvent): string {
  return event.fromVersion === undefined
    ? `to ${v(event.version)}`
    : `from ${v(event.fromVersion)} to ${v(event.version)}`;
}

/** What an event did, in words, without who did it: `rolled back production in us-east-1 from v2 to v1`. */
export function describeAuditEvent(event: AuditEvent): string {
  switch (event.kind) {
    case 'import':
      return `imported version ${event.version ?? '?'}${
        event.region ? ` in ${event.region}` : ''
      }`;
    case 'promote':
      return `promoted ${pointerOf(event)} ${moveOf(event)}`;
    case 'rollback':
      return `rolled back ${pointerOf(event)} ${moveOf(event)}${
        event.emergency ? ' (emergency, without approval)' : ''
      }`;
    case 'retire':
      return `retired version ${event.version ?? '?'}${
        event.region ? ` in ${event.region}` : ''
      }`;
    case 'approval-requested':
      return `asked for approval to move ${pointerOf(event)} ${moveOf(event)}`;
    case 'approval-approved':
      return `approved moving ${pointerOf(event)} ${moveOf(event)}`;
    case 'approval-rejected':
      return `rejected moving ${pointerOf(event)} ${moveOf(event)}`;
    case 'approval-cancelled':
      return `cancelled the request to move ${pointerOf(event)} ${moveOf(
        event,
      )}`;
    case 'approval-expired':
      return `the request to move ${pointerOf(event)} ${moveOf(event)} expired`;
    case 'approval-stale':
      return `the request to move ${pointerOf(event)} ${moveOf(
        event,
      )} went stale (the pointer moved meanwhile)`;
    default:
      return String(event.kind);
  }
}

/** The first moment of a `YYYY-MM-DD` day, in UTC (the page shows times in UTC). */
function startOfDay(day: string): string | undefined {
  const at = Date.parse(`${day}T00:00:00.000Z`);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

/**
 * The audit trail's query from the page's filters, whose `from` and `to` are days (`YYYY-MM-DD`, both
 * included): the backend takes `from` as the first moment and `to` as the first moment after. A model
 * name the backend would refuse is left out (the field says why).
 */
export function auditQueryOf(filters: AuditTrailFilters): AuditTrailFilters {
  const query: AuditTrailFilters = { ...filters };
  if (query.model && !MODEL_NAME_PATTERN.test(query.model)) {
    delete query.model;
  }
  if (filters.from) query.from = startOfDay(filters.from);
  if (filters.to) {
    const start = startOfDay(filters.to);
    query.to = start
      ? new Date(Date.parse(start) + 86_400_000).toISOString()
      : undefined;
  }
  for (const key of Object.keys(query) as Array<keyof AuditTrailFilters>) {
    if (!query[key]) delete query[key];
  }
  return query;
}

/** One page of the audit trail from the page's filters. */
export function auditPageQuery(
  filters: AuditTrailFilters,
  limit: number,
  cursor: string | undefined,
): AuditTrailQuery {
  return {
    ...auditQueryOf(filters),
    limit: String(limit),
    ...(cursor ? { cursor } : {}),
  };
}

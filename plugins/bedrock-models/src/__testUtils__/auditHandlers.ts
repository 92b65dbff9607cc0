import { http, HttpResponse } from 'msw';
import type { AuditEvent } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { attentionSummary, auditEvents } from './attentionFixtures';
import { coldStartAttention } from './keepWarmFixtures';
import { API } from './testApis';

/** The audit trail's CSV as the handlers write it: a header and one line per event. */
export function auditCsv(events: AuditEvent[]): string {
  const lines = events.map(e =>
    [e.at, e.kind, e.modelName, e.version ?? '', e.actor, e.reason].join(','),
  );
  return ['at,kind,model,version,actor,reason', ...lines].join('\r\n');
}

/**
 * msw handlers for `GET /attention`, `GET /cold-starts` (answering `coldStarts()` for
 * the days asked) and `GET /audit`. `/audit` stands in for the backend: it filters
 * `events()` by each filter (exact values; `from` included, `to` not), pages them (the cursor is an
 * offset) or answers all of them as CSV. Every query asked is kept in `queries`.
 */
export function auditHandlers(
  events: () => AuditEvent[] = auditEvents,
  attention = attentionSummary,
  coldStarts = coldStartAttention,
) {
  const queries: URLSearchParams[] = [];
  const handlers = [
    http.get(`${API}/attention`, ({ request }) => {
      queries.push(new URL(request.url).searchParams);
      return HttpResponse.json(attention());
    }),
    http.get(`${API}/cold-starts`, ({ request }) => {
      const days = new URL(request.url).searchParams.get('days');
      return HttpResponse.json({ ...coldStarts(), days: Number(days ?? 7) });
    }),
    http.get(`${API}/audit`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      queries.push(query);
      const param = (name: string) => query.get(name) ?? undefined;
      const from = param('from');
      const to = param('to');
      const matching = events().filter(
        e =>
          (!param('model') || e.modelName === param('model')) &&
          (!param('owner') || e.owner === param('owner')) &&
          (!param('actor') || e.actor === param('actor')) &&
          (!param('region') || e.region === param('region')) &&
          (!param('kind') || e.kind === param('kind')) &&
          (!from || e.at >= from) &&
          (!to || e.at < to),
      );
      if (query.get('format') === 'csv') {
        return new HttpResponse(auditCsv(matching), {
          headers: { 'Content-Type': 'text/csv' },
        });
      }
      const offset = Number(query.get('cursor') ?? 0);
      const end = offset + Number(query.get('limit') ?? 50);
      return HttpResponse.json({
        items: matching.slice(offset, end),
        nextCursor: end < matching.length ? String(end) : undefined,
      });
    }),
  ];
  return Object.assign(handlers, { queries });
}

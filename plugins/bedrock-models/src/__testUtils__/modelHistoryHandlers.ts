import { http, HttpResponse } from 'msw';
import type {
  AuditEvent,
  GovernanceReportRow,
  ModelDetails,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { API } from './testApis';

/** A model's pointer moves as the audit trail lists them, newest first. */
export function auditOfModel(details: ModelDetails): AuditEvent[] {
  return [...details.recentHistory]
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id)
    .map(move => ({
      id: `move-${move.id}`,
      at: move.at,
      kind: move.kind,
      modelName: move.modelName,
      owner: details.model.owner,
      version: move.toVersion,
      fromVersion: move.fromVersion ?? undefined,
      alias: move.alias,
      region: move.region,
      accountId: details.versions[0]?.accountId,
      actor: move.actor,
      reason: move.reason,
    }));
}

/** The governance report's rows of a model's versions: version 1 was called lately, the others not. */
export function reportRowsOfModel(
  details: ModelDetails,
): GovernanceReportRow[] {
  return details.versions.map(v => ({
    model: v.modelName,
    owner: details.model.owner,
    classification: details.model.classification,
    accountId: v.accountId,
    region: v.region,
    version: v.number,
    status: v.status,
    importedModelArn: v.importedModelArn,
    pointers: details.pointers
      .filter(p => p.version === v.number && p.region === v.region)
      .map(p => p.alias),
    createdBy: v.createdBy,
    createdAt: v.createdAt,
    managed: v.managed,
    ...(v.number === 1
      ? { invocations30d: 1520, lastInvokedAt: '2026-11-19T14:00:00.000Z' }
      : { invocations30d: 0 }),
  }));
}

/**
 * msw handlers for a model's history (`GET /audit?model=`, 20 at a time, the cursor an offset) and its
 * versions' traffic (`GET /report?q=<model>`), from the model's fixtures.
 */
export function modelHistoryHandlers(
  details: () => ModelDetails,
  modelName: string,
  events: () => AuditEvent[] = () => auditOfModel(details()),
) {
  return [
    http.get(`${API}/audit`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      if (query.get('model') !== modelName) return undefined;
      const all = events();
      const offset = Number(query.get('cursor') ?? 0);
      const end = offset + Number(query.get('limit') ?? 50);
      return HttpResponse.json({
        items: all.slice(offset, end),
        nextCursor: end < all.length ? String(end) : undefined,
      });
    }),
    http.get(`${API}/report`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      if (query.get('q') !== modelName) return undefined;
      const rows = reportRowsOfModel(details());
      return HttpResponse.json({
        generatedAt: '2026-11-20T12:00:00.000Z',
        sync: [],
        rows,
        totalCount: rows.length,
        totals: {
          versions: rows.length,
          models: 1,
          liveVersions: rows.filter(r => r.status === 'ready').length,
          servingProduction: 0,
          estimatedMonthlyCost: 0,
          withoutEstimate: rows.length,
          byRegion: {},
          byOwner: {},
        },
      });
    }),
  ];
}

import { http, HttpResponse } from 'msw';
import {
  GovernanceReport,
  governanceReportCsv,
  matchesReportFilters,
  ReportFacets,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { governanceReport, reportTotals } from './governanceFixtures';
import { portalSettings } from './modelFixtures';
import { API } from './testApis';

/** The facets of the fixture rows. */
export function reportFacets(): ReportFacets {
  return {
    owner: [
      'group:default/claims',
      'group:default/platform',
      'group:default/support-ml',
    ],
    region: ['eu-central-1', 'us-east-1', 'us-west-2'],
    accountId: ['111122223333', '444455556666'],
    architecture: ['llama', 'mistral', 'qwen2'],
    classification: ['internal', 'phi', 'public'],
    status: ['ready', 'retired'],
  };
}

/**
 * msw handlers for everything the governance page reads. `/report` stands in for the backend: it
 * narrows `report()`'s rows with the filters (by -common's rule), pages them (the cursor is an offset)
 * and answers their totals, or all of them as the backend's CSV; sorting is the backend's and left out.
 * Every query it was asked is kept in `queries`.
 */
export function governanceHandlers(
  report: () => GovernanceReport = governanceReport,
) {
  const queries: URLSearchParams[] = [];
  const handlers = [
    http.get(`${API}/report/facets`, () => HttpResponse.json(reportFacets())),
    http.get(`${API}/report`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      queries.push(query);
      const whole = report();
      const param = (name: string) => query.get(name) ?? undefined;
      const rows = whole.rows.filter(row =>
        matchesReportFilters(row, {
          q: param('q'),
          owner: param('owner'),
          region: param('region'),
          accountId: param('account'),
          architecture: param('architecture'),
          classification: param('classification'),
          status: param('status'),
          managed: param('managed') as 'managed' | 'unmanaged' | undefined,
          production: param('production') as
            | 'serving'
            | 'not-serving'
            | undefined,
          named: param('named') as 'named' | 'unnamed' | undefined,
          idleDays: param('idleDays') ? Number(param('idleDays')) : undefined,
          residency: param('residency') as 'violates' | undefined,
          publishing: param('publishing') as 'failing' | undefined,
        }),
      );
      if (query.get('format') === 'csv') {
        return new HttpResponse(governanceReportCsv(rows), {
          headers: { 'Content-Type': 'text/csv' },
        });
      }
      const offset = Number(query.get('cursor') ?? 0);
      const end = offset + Number(query.get('limit') ?? 100);
      return HttpResponse.json({
        ...whole,
        rows: rows.slice(offset, end),
        totalCount: rows.length,
        nextCursor: end < rows.length ? String(end) : undefined,
        totals: reportTotals(rows),
      });
    }),
    http.get(`${API}/settings`, () => HttpResponse.json(portalSettings())),
  ];
  return Object.assign(handlers, { queries });
}

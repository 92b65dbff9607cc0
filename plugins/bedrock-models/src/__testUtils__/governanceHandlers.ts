import { http, HttpResponse } from 'msw';
import type { GovernanceReport } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { governanceReport, productionPointers } from './governanceFixtures';
import { portalSettings } from './modelFixtures';
import { API } from './testApis';

/** msw handlers for everything the governance page reads. */
export function governanceHandlers(
  report: () => GovernanceReport = governanceReport,
) {
  return [
    http.get(`${API}/report`, () => HttpResponse.json(report())),
    http.get(`${API}/inventory`, () =>
      HttpResponse.json({
        models: [],
        versions: [],
        pointers: productionPointers(),
      }),
    ),
    http.get(`${API}/settings`, () => HttpResponse.json(portalSettings())),
  ];
}

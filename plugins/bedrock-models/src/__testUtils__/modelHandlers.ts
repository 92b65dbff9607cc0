import { http, HttpResponse } from 'msw';
import type { ModelDetails } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { costReport, quotaReport } from './costFixtures';
import { coldStartStats, keepWarmView } from './keepWarmFixtures';
import { MODEL, modelDetails, portalSettings } from './modelFixtures';
import { modelHistoryHandlers } from './modelHistoryHandlers';
import { API } from './testApis';

/**
 * msw handlers for everything the model tab reads, answering with the fixtures (or `details`); no
 * pending approvals, an empty evaluation suite and no runs, every pointer off keep-warm with no cold
 * start measured.
 */
export function modelHandlers(
  details: () => ModelDetails = modelDetails,
  modelName: string = MODEL,
) {
  return [
    http.get(`${API}/models/${modelName}`, () => HttpResponse.json(details())),
    http.get(`${API}/settings`, () => HttpResponse.json(portalSettings())),
    http.get(`${API}/models/${modelName}/cost`, () =>
      HttpResponse.json(costReport()),
    ),
    http.get(`${API}/quotas`, ({ request }) =>
      HttpResponse.json(
        quotaReport(new URL(request.url).searchParams.get('region')!),
      ),
    ),
    ...modelHistoryHandlers(details, modelName),
    http.get(`${API}/approvals`, () => HttpResponse.json({ items: [] })),
    http.get(`${API}/models/${modelName}/evaluation-suite`, () =>
      HttpResponse.json({ modelName, prompts: [] }),
    ),
    http.get(`${API}/models/${modelName}/evaluations`, () =>
      HttpResponse.json({ items: [] }),
    ),
    // Any model: the pointer cards ask by their pointers' model name, which `details` decides.
    http.get(
      `${API}/models/:model/aliases/:alias/keep-warm`,
      ({ request, params }) =>
        HttpResponse.json(
          keepWarmView(
            String(params.alias),
            new URL(request.url).searchParams.get('region')!,
          ),
        ),
    ),
    http.get(
      `${API}/models/:model/aliases/:alias/cold-starts`,
      ({ request, params }) =>
        HttpResponse.json(
          coldStartStats(
            String(params.alias),
            new URL(request.url).searchParams.get('region')!,
          ),
        ),
    ),
  ];
}

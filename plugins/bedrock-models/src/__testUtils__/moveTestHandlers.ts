import { http, HttpResponse } from 'msw';
import type { PointerMoveResponse } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { API } from './testApis';

type Body = Record<string, unknown>;
type Answer = Response | PointerMoveResponse | { approvalRequest: unknown };

/**
 * A promote or rollback route that answers dry runs and real moves apart (the dialogs dry-run on open)
 * and keeps the bodies of the real ones.
 */
export function moveRoute(
  path: string,
  answers: {
    dryRun: (body: Body) => Answer;
    real: (body: Body) => Answer;
  },
) {
  const sent: Body[] = [];
  const dryRuns: Body[] = [];
  const handler = http.post(`${API}${path}`, async ({ request }) => {
    const body = (await request.json()) as Body;
    const answer = body.dryRun
      ? (dryRuns.push(body), answers.dryRun(body))
      : (sent.push(body), answers.real(body));
    if (answer instanceof Response) return answer;
    const status = 'approvalRequest' in answer ? 202 : 200;
    return HttpResponse.json(answer, { status });
  });
  return { handler, sent, dryRuns };
}

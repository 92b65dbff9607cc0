import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import type { EvaluationPrompt } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { aResult, aRun } from '../../__testUtils__/evaluationFixtures';
import { MODEL, modelDetails } from '../../__testUtils__/modelFixtures';
import { API, errorBody, testApis } from '../../__testUtils__/testApis';
import { EvaluationsPanel } from './EvaluationsPanel';

const SUITE = `${API}/models/${MODEL}/evaluation-suite`;
const RUNS = `${API}/models/${MODEL}/evaluations`;

const GREETING: EvaluationPrompt = {
  id: 'greeting',
  prompt: 'Say hello to a customer.',
  checks: { mustNotContain: ['refund denied'], maxLatencyMs: 3000 },
};

function renderPanel(options: { canEdit?: boolean; path?: string } = {}) {
  const details = modelDetails();
  return renderInTestApp(
    <EvaluationsPanel
      modelName={MODEL}
      versions={details.versions}
      pointers={details.pointers}
      aliases={['production', 'staging']}
      canEdit={options.canEdit ?? true}
    />,
    {
      ...testApis(),
      initialRouteEntries: [
        options.path ?? '/catalog/default/resource/x/bedrock',
      ],
    },
  );
}

describe('EvaluationsPanel', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows the suite and lets an owner edit it: prompts with id, text and checks, saved as the backend keeps them', async () => {
    let saved: { prompts: EvaluationPrompt[] } | undefined;
    server.use(
      http.get(SUITE, () =>
        HttpResponse.json(
          saved
            ? {
                modelName: MODEL,
                ...saved,
                updatedBy: 'user:default/ana',
                updatedAt: '2026-11-20T12:00:00.000Z',
              }
            : { modelName: MODEL, prompts: [GREETING] },
        ),
      ),
      http.put(SUITE, async ({ request }) => {
        saved = (await request.json()) as { prompts: EvaluationPrompt[] };
        return HttpResponse.json({ modelName: MODEL, ...saved });
      }),
      http.get(RUNS, () => HttpResponse.json({ items: [] })),
    );
    renderPanel();

    expect(await screen.findByText('1 prompt: greeting')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Edit suite' }));
    const first = within(screen.getByRole('group', { name: 'Prompt 1' }));
    expect(first.getByLabelText(/^Id/)).toHaveFocus();
    expect(first.getByLabelText(/^Must not contain/)).toHaveValue(
      'refund denied',
    );
    expect(first.getByLabelText(/^Max latency/)).toHaveValue('3000');

    await userEvent.click(screen.getByRole('button', { name: 'Add prompt' }));
    const second = within(screen.getByRole('group', { name: 'Prompt 2' }));
    await userEvent.clear(second.getByLabelText(/^Id/));
    await userEvent.type(second.getByLabelText(/^Id/), 'policy');
    await userEvent.type(
      second.getByLabelText(/^Prompt/),
      'Quote the refund policy.',
    );
    await userEvent.type(
      second.getByLabelText(/^Must contain/),
      'refund{enter}30 days',
    );
    await userEvent.type(second.getByLabelText(/^Must match/), '^Our');
    await userEvent.type(second.getByLabelText(/^Max output tokens/), '200');
    await userEvent.click(screen.getByRole('button', { name: 'Save suite' }));

    expect(
      await screen.findByText('2 prompts: greeting, policy'),
    ).toBeInTheDocument();
    // The editor by display name (an element of its own, with the ref as its tooltip).
    expect(
      screen.getByText(
        (_, element) =>
          element?.tagName === 'P' &&
          element.textContent ===
            'Last edited by Ana Analyst, 2026-11-20 12:00 UTC',
      ),
    ).toBeInTheDocument();
    expect(saved).toEqual({
      prompts: [
        GREETING,
        {
          id: 'policy',
          prompt: 'Quote the refund policy.',
          checks: {
            mustContain: ['refund', '30 days'],
            mustMatch: '^Our',
            maxOutputTokens: 200,
          },
        },
      ],
    });
  });

  it("shows each of the backend's problems next to the field it is about, until that field is edited", async () => {
    server.use(
      http.get(SUITE, () =>
        HttpResponse.json({ modelName: MODEL, prompts: [GREETING] }),
      ),
      http.put(SUITE, () =>
        HttpResponse.json(
          errorBody(
            400,
            'InputError',
            'Invalid evaluation suite: prompts[0].checks: mustMatch repeats a group that itself repeats (like (a+)+): simplify the pattern.',
          ),
          { status: 400 },
        ),
      ),
      http.get(RUNS, () => HttpResponse.json({ items: [] })),
    );
    renderPanel();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit suite' }),
    );
    const prompt = within(screen.getByRole('group', { name: 'Prompt 1' }));
    const pattern = prompt.getByLabelText(/^Must match/);
    await userEvent.type(pattern, '(a+)+$');
    await userEvent.click(screen.getByRole('button', { name: 'Save suite' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The suite was not saved',
    );
    await waitFor(() =>
      expect(pattern).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(pattern).toHaveAccessibleDescription(
      expect.stringContaining(
        'mustMatch repeats a group that itself repeats (like (a+)+): simplify the pattern.',
      ),
    );
    expect(prompt.getByLabelText(/^Id/)).not.toHaveAttribute('aria-invalid');
    await userEvent.clear(pattern);
    await waitFor(() => expect(pattern).not.toHaveAttribute('aria-invalid'));
  });

  it('evaluates a ready version next to the version production names, and opens the run', async () => {
    let body: unknown;
    const run = aRun({
      status: 'queued',
      comparedRunId: 'cmp',
      prompts: undefined,
      passed: undefined,
      passRate: undefined,
      p50LatencyMs: undefined,
      p95LatencyMs: undefined,
      finishedAt: undefined,
    });
    server.use(
      http.get(SUITE, () =>
        HttpResponse.json({ modelName: MODEL, prompts: [GREETING] }),
      ),
      http.get(RUNS, () => HttpResponse.json({ items: [] })),
      http.post(
        `${API}/models/${MODEL}/versions/3/evaluations`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json(
            {
              run,
              comparison: aRun({ id: 'cmp', version: 2, status: 'queued' }),
            },
            { status: 202 },
          );
        },
      ),
      http.get(`${RUNS}/${run.id}`, () => HttpResponse.json(run)),
      http.get(`${RUNS}/cmp`, () =>
        HttpResponse.json(aRun({ id: 'cmp', version: 2, status: 'queued' })),
      ),
    );
    renderPanel();

    await userEvent.click(
      await screen.findByRole('button', { name: /Version to evaluate/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'version 3 · us-east-1' }),
    );
    await userEvent.click(screen.getByRole('button', { name: /Compare with/ }));
    // In us-east-1 production names version 2; staging names version 3 itself, so it is not offered.
    expect(screen.queryByRole('option', { name: /staging/ })).toBeNull();
    await userEvent.click(
      await screen.findByRole('option', { name: 'production (version 2)' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Evaluate' }));

    const view = await screen.findByRole('region', { name: 'Evaluation run' });
    expect(
      within(view).getByText(
        'Run of version 3 in us-east-1, compared with version 2',
      ),
    ).toBeInTheDocument();
    expect(within(view).getByText(/still running/)).toBeInTheDocument();
    expect(body).toEqual({
      region: 'us-east-1',
      compareWithAlias: 'production',
    });
  });

  it('shows a run side by side with the run it was compared with, failures and cold starts marked', async () => {
    const candidate = aRun({
      id: 'c0000000-0000-4000-8000-000000000000',
      comparedRunId: 'p0000000-0000-4000-8000-000000000000',
      status: 'failed',
      passed: 1,
      passRate: 0.5,
      coldStarts: 1,
      results: [
        aResult({ coldStart: true, latencyMs: 48_000 }),
        aResult({
          promptId: 'policy',
          prompt: 'Quote the refund policy.',
          output: 'We cannot help with that.',
          passed: false,
          failures: ['does not contain "refund"'],
        }),
      ],
    });
    const compared = aRun({
      id: 'p0000000-0000-4000-8000-000000000000',
      version: 2,
      results: [
        aResult({ output: 'Hi there!' }),
        aResult({
          promptId: 'policy',
          prompt: 'Quote the refund policy.',
          output: 'Our refund policy: 30 days.',
        }),
      ],
    });
    server.use(
      http.get(SUITE, () =>
        HttpResponse.json({ modelName: MODEL, prompts: [GREETING] }),
      ),
      http.get(RUNS, () => HttpResponse.json({ items: [candidate, compared] })),
      http.get(`${RUNS}/${candidate.id}`, () => HttpResponse.json(candidate)),
      http.get(`${RUNS}/${compared.id}`, () => HttpResponse.json(compared)),
    );
    renderPanel({ path: `/m?evaluationRun=${candidate.id}` });

    const view = within(
      await screen.findByRole('region', { name: 'Evaluation run' }),
    );
    const headers = view.getAllByRole('columnheader');
    expect(headers.map(h => h.textContent)).toEqual([
      'Prompt',
      'Version 3 (candidate)1 of 2 prompts passed (50%)p50 850 ms · p95 1.4 s · 1 cold start',
      'Version 2 (compared)2 of 2 prompts passed (100%)p50 850 ms · p95 1.4 s',
    ]);
    const rows = view.getAllByRole('row');
    const greeting = within(rows[1]);
    expect(greeting.getByRole('rowheader')).toHaveTextContent('greeting');
    expect(greeting.getByText('cold start')).toBeInTheDocument();
    expect(greeting.getByText(/48.0 s/)).toBeInTheDocument();
    expect(greeting.getByText('Hi there!')).toBeInTheDocument();
    const policy = within(rows[2]);
    expect(policy.getByText('failed')).toBeInTheDocument();
    expect(
      within(policy.getByRole('list', { name: 'Failed checks' })).getByText(
        'does not contain "refund"',
      ),
    ).toBeInTheDocument();
    expect(policy.getByText('Our refund policy: 30 days.')).toBeInTheDocument();
    // The runs list marks the open run, links the others.
    expect(screen.getByText('shown below')).toBeInTheDocument();
    expect(view.getByRole('link', { name: 'Close the run' })).toHaveAttribute(
      'href',
      '/m',
    );
  });

  it('tells someone who is not an owner why they cannot edit the suite or evaluate', async () => {
    server.use(
      http.get(SUITE, () =>
        HttpResponse.json({ modelName: MODEL, prompts: [] }),
      ),
      http.get(RUNS, () => HttpResponse.json({ items: [] })),
    );
    renderPanel({ canEdit: false });

    expect(
      await screen.findByText(
        'No prompts yet: add some, then evaluate a version before promoting it.',
      ),
    ).toBeInTheDocument();
    const edit = screen.getByRole('button', { name: 'Edit suite' });
    expect(edit).toBeDisabled();
    expect(edit).toHaveAccessibleDescription(
      'Only the owners of this model and the portal admins may do this.',
    );
    expect(screen.getByRole('button', { name: 'Evaluate' })).toBeDisabled();
  });

  it("shows the backend's refusal to evaluate as a message", async () => {
    server.use(
      http.get(SUITE, () =>
        HttpResponse.json({ modelName: MODEL, prompts: [] }),
      ),
      http.get(RUNS, () => HttpResponse.json({ items: [] })),
      http.post(`${API}/models/${MODEL}/versions/5/evaluations`, () =>
        HttpResponse.json(
          errorBody(
            409,
            'ConflictError',
            'Model support-assistant has no evaluation prompts yet: add some to its suite first.',
          ),
          { status: 409 },
        ),
      ),
    );
    renderPanel();
    // The newest ready version is preselected: version 5, in eu-central-1.
    expect(
      await screen.findByRole('button', { name: /Version to evaluate/ }),
    ).toHaveTextContent('version 5 · eu-central-1');
    await userEvent.click(screen.getByRole('button', { name: 'Evaluate' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not evaluated');
    expect(alert).toHaveTextContent(
      'has no evaluation prompts yet: add some to its suite first.',
    );
  });
});

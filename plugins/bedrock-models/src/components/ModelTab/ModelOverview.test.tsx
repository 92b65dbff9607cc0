import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  ACCOUNT,
  aPointer,
  aVersion,
  MODEL,
  modelDetails,
  modelEntity,
  portalSettings,
} from '../../__testUtils__/modelFixtures';
import { aSyncState } from '../../__testUtils__/governanceFixtures';
import { anAuditEvent } from '../../__testUtils__/attentionFixtures';
import { modelHandlers } from '../../__testUtils__/modelHandlers';
import { modelHistoryHandlers } from '../../__testUtils__/modelHistoryHandlers';
import { API, errorBody, testApis } from '../../__testUtils__/testApis';
import { ModelOverview } from './ModelOverview';
import { ModelTab } from './ModelTab';

describe('ModelOverview', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows per Region what each alias serves: version, ARN, since when, by whom, SSM, architecture, CMUs, cold start', async () => {
    server.use(...modelHandlers());
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const production = await screen.findByRole('region', {
      name: 'production in us-east-1',
    });
    const p = within(production);
    expect(p.getByText('version 2')).toBeInTheDocument();
    expect(
      p.getByText(
        'arn:aws:bedrock:us-east-1:111122223333:imported-model/support-assistant-v2',
      ),
    ).toBeInTheDocument();
    expect(
      await p.findByText(
        (_, el) =>
          el?.tagName === 'P' &&
          el.textContent === 'Since 2026-11-10 09:00 UTC, by Bob Builder',
      ),
    ).toBeInTheDocument();
    expect(
      p.getByText('SSM parameter: published 2026-11-10 09:00 UTC'),
    ).toBeInTheDocument();
    expect(p.getByText(/llama · 2 CMUs per copy/)).toBeInTheDocument();
    expect(p.getByText(/Cold start not measured yet/)).toBeInTheDocument();

    const eu = within(
      screen.getByRole('region', { name: 'production in eu-central-1' }),
    );
    expect(eu.getByText('version 5')).toBeInTheDocument();
    expect(
      eu.getByText(
        'SSM parameter: pending (3 failed attempts, last error: ThrottlingException)',
      ),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('region', { name: 'staging in eu-central-1' }),
      ).getByText('No version serves staging in eu-central-1.'),
    ).toBeInTheDocument();
  });

  it('re-reads the model until a fresh move is published to SSM', async () => {
    let reads = 0;
    server.use(
      http.get(`${API}/models/${MODEL}`, () => {
        reads += 1;
        const details = modelDetails();
        details.publishStates[0] =
          reads === 1
            ? {
                alias: 'production',
                region: 'us-east-1',
                status: 'pending',
                attempts: 0,
              }
            : {
                alias: 'production',
                region: 'us-east-1',
                status: 'published',
                attempts: 1,
                publishedAt: '2026-11-20T12:00:03.000Z',
              };
        return HttpResponse.json(details);
      }),
      ...modelHandlers(),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const production = within(
      await screen.findByRole('region', { name: 'production in us-east-1' }),
    );
    expect(
      production.getByText('SSM parameter: being published'),
    ).toBeInTheDocument();
    expect(
      await production.findByText(
        'SSM parameter: published 2026-11-20 12:00 UTC',
      ),
    ).toBeInTheDocument();
    expect(reads).toBe(2);
  });

  it('lists versions with status, failure message, source, pointers, and disables what cannot be done, saying why', async () => {
    server.use(...modelHandlers());
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const table = await screen.findByRole('grid');
    const rows = within(table).getAllByRole('row');
    // Header, then newest first.
    expect(rows).toHaveLength(7);
    const v4 = within(rows[3]);
    expect(v4.getByText('v4')).toBeInTheDocument();
    expect(v4.getByText('failed')).toBeInTheDocument();
    expect(v4.getByText('config.json is missing')).toBeInTheDocument();
    expect(
      v4.getByText('s3://ml-artifacts/support-assistant/v4/'),
    ).toBeInTheDocument();
    expect(
      v4.getByRole('button', { name: 'Promote version 4' }),
    ).toBeDisabled();
    expect(
      v4.getByText(
        'Version 4 is failed: only a ready version can be promoted.',
      ),
    ).toBeInTheDocument();

    const v2 = within(rows[5]);
    expect(v2.getByText('production')).toBeInTheDocument();
    expect(v2.getByRole('button', { name: 'Promote version 2' })).toBeEnabled();
    expect(v2.getByRole('button', { name: 'Retire version 2' })).toBeDisabled();
    expect(
      v2.getByText(
        'Version 2 cannot be retired while production in us-east-1 names it: promote another version first.',
      ),
    ).toBeInTheDocument();

    const v1 = within(rows[6]);
    expect(v1.getByRole('button', { name: 'Retire version 1' })).toBeEnabled();
    expect(await v1.findByText('Ana Analyst')).toBeInTheDocument();
    expect(v1.getByText('2026-11-01 10:00 UTC')).toBeInTheDocument();
  });

  it('disables every action for someone who is neither owner nor admin, and says so', async () => {
    // usePermission caches answers per permission and resource across renders (SWR): a model of its own
    // keeps the other tests' ALLOW answers out of this one.
    server.use(...modelHandlers(modelDetails, 'locked-model'));
    renderInTestApp(
      <ModelOverview modelName="locked-model" />,
      testApis({ permission: 'DENY' }),
    );

    expect(
      await screen.findByText(
        'You can see this model but not promote, roll back or retire its versions.',
      ),
    ).toBeInTheDocument();
    for (const button of screen.getAllByRole('button', {
      name: /^(Promote|Retire) version \d$/,
    })) {
      expect(button).toBeDisabled();
    }
    const rollback = screen.getByRole('button', {
      name: 'Roll back production in us-east-1',
    });
    expect(rollback).toBeDisabled();
    expect(
      screen.getAllByText(
        'Only the owners of this model and the portal admins may do this.',
      ).length,
    ).toBeGreaterThan(0);
  });

  it("shows the model's history from the audit trail: who (by name), when, what and why, and pages past the 20 most recent", async () => {
    const events = Array.from({ length: 25 }, (_, i) =>
      anAuditEvent({
        id: `event-${i}`,
        at: new Date(
          Date.parse('2026-11-20T00:00:00.000Z') - i * 86_400_000,
        ).toISOString(),
        ...(i === 0
          ? {
              kind: 'retire',
              version: 1,
              fromVersion: undefined,
              alias: undefined,
              actor: 'user:default/bob',
              reason: 'superseded by v2',
            }
          : { reason: `move ${i}` }),
      }),
    );
    server.use(
      ...modelHistoryHandlers(modelDetails, MODEL, () => events),
      ...modelHandlers(),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const history = await screen.findByRole('list', { name: 'Model history' });
    let items = within(history).getAllByRole('listitem');
    expect(items).toHaveLength(20);
    expect(items[0]).toHaveTextContent('2026-11-20 00:00 UTC');
    expect(items[0]).toHaveTextContent(
      'Bob Builder retired version 1 in us-east-1',
    );
    expect(items[0]).toHaveTextContent('“superseded by v2”');
    expect(items[1]).toHaveTextContent(
      'Ana Analyst promoted production in us-east-1 from v1 to v2',
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Show older events' }),
    );
    await waitFor(() =>
      expect(
        within(
          screen.getByRole('list', { name: 'Model history' }),
        ).getAllByRole('listitem'),
      ).toHaveLength(25),
    );
    items = within(
      screen.getByRole('list', { name: 'Model history' }),
    ).getAllByRole('listitem');
    expect(items[24]).toHaveTextContent('“move 24”');
    expect(
      screen.getByText('25 most recent events, all of them'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Show older events' }),
    ).toBeNull();
  });

  it('puts pointers, versions and cost first, then history, usage, quotas and lineage', async () => {
    server.use(...modelHandlers());
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());
    await screen.findByRole('list', { name: 'Model history' });

    const headings = screen
      .getAllByRole('heading', { level: 2 })
      .map(h => h.textContent);
    expect(headings.indexOf('Versions')).toBeLessThan(
      headings.indexOf('Cost, last 30 days'),
    );
    expect(headings.indexOf('Cost, last 30 days')).toBeLessThan(
      headings.indexOf('History'),
    );
    expect(headings).toEqual(
      expect.arrayContaining(['Use this model', 'Quotas', 'Lineage']),
    );
  });

  it('shows the lineage entered at import, and exports it with the model record', async () => {
    const details = modelDetails();
    details.model.lineage = {
      baseModel: 'meta-llama/Llama-3.1-8B-Instruct',
      trainingDataUri: 's3://ml-data/support/2026-10/',
      evaluationReportUrl: 'https://wiki.example.com/eval/42',
    };
    server.use(...modelHandlers(() => details));
    const blobs: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: jest.fn((blob: Blob) => {
        blobs.push(blob);
        return 'blob:record';
      }),
      revokeObjectURL: jest.fn(),
    });
    const saved: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        saved.push(this.download);
      });
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    expect(
      await screen.findByText('s3://ml-data/support/2026-10/'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'https://wiki.example.com/eval/42' }),
    ).toHaveAttribute('href', 'https://wiki.example.com/eval/42');
    expect(screen.getByText('not entered')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Export model record (JSON)' }),
    );
    click.mockRestore();
    expect(saved).toEqual([
      expect.stringMatching(
        /^support-assistant-record-\d{4}-\d{2}-\d{2}\.json$/,
      ),
    ]);
    const record = JSON.parse(await blobs[0].text());
    expect(record.lineage).toEqual({
      baseModel: 'meta-llama/Llama-3.1-8B-Instruct',
      trainingDataUri: 's3://ml-data/support/2026-10/',
      trainingJob: null,
      evaluationReportUrl: 'https://wiki.example.com/eval/42',
    });
    expect(record.versions).toHaveLength(6);
  });

  it('warns that AWS could not be reached when a version could not be checked', async () => {
    const details = modelDetails();
    details.versions[5] = aVersion(6, {
      region: 'eu-central-1',
      status: 'importing',
      lastCheckError: 'connect ECONNREFUSED bedrock.eu-central-1',
      updatedAt: '2026-11-19T08:00:00.000Z',
    });
    server.use(...modelHandlers(() => details));
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    expect(
      await screen.findByText(
        'AWS could not be reached: the data shown is from the last successful sync (2026-11-19 08:00 UTC).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'v6 (eu-central-1): connect ECONNREFUSED bedrock.eu-central-1',
      ),
    ).toBeInTheDocument();
  });

  it('warns when discovery has been failing in one of the model’s Regions', async () => {
    server.use(
      ...modelHandlers(() =>
        modelDetails({
          sync: [
            aSyncState({ accountId: ACCOUNT }),
            aSyncState({
              accountId: ACCOUNT,
              region: 'eu-central-1',
              lastSuccessAt: '2026-11-19T07:00:00.000Z',
              failingSince: '2026-11-19T07:10:00.000Z',
              lastError: 'AccessDeniedException: not authorized',
            }),
          ],
        }),
      ),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    expect(
      await screen.findByText(
        'AWS could not be reached since 2026-11-19 07:10 UTC: the data shown is from the last successful sync (2026-11-19 07:00 UTC).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        `Discovery in ${ACCOUNT}/eu-central-1: AccessDeniedException: not authorized`,
      ),
    ).toBeInTheDocument();
  });

  it('takes the aliases from the settings: the first is what callers use in production', async () => {
    server.use(
      http.get(`${API}/settings`, () =>
        HttpResponse.json({ ...portalSettings(), aliases: ['live', 'canary'] }),
      ),
      ...modelHandlers(() =>
        modelDetails({
          pointers: [
            aPointer('live', 'us-east-1', 2, {
              parameterName: '/bedrock-models/support-assistant/live',
            }),
          ],
        }),
      ),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    expect(
      await screen.findByText('/bedrock-models/support-assistant/live'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'canary in us-east-1' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'production in us-east-1' }),
    ).not.toBeInTheDocument();
  });

  it('works without the settings, saying the aliases cannot be read, and retries', async () => {
    let settingsCalls = 0;
    server.use(
      http.get(`${API}/settings`, () => {
        settingsCalls += 1;
        return settingsCalls === 1
          ? HttpResponse.json(errorBody(503, 'Error', 'Restarting'), {
              status: 503,
            })
          : HttpResponse.json(portalSettings());
      }),
      ...modelHandlers(),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    expect(
      await screen.findByText("The portal's aliases cannot be read"),
    ).toBeInTheDocument();
    // The pointers the model has still show.
    expect(
      screen.getByRole('region', { name: 'production in us-east-1' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText('/bedrock-models/support-assistant/production'),
    ).toBeInTheDocument();
  });

  it('points at the import template when the registry does not know the model', async () => {
    server.use(
      http.get(`${API}/models/${MODEL}`, () =>
        HttpResponse.json(
          errorBody(404, 'NotFoundError', 'There is no model named x.'),
          { status: 404 },
        ),
      ),
      ...modelHandlers(),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    expect(
      await screen.findByText(`Model ${MODEL} is not in the registry`),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Import a model' }),
    ).toHaveAttribute('href', '/create/templates/default/import-bedrock-model');
  });

  it('says why the model cannot be read, and retries', async () => {
    let calls = 0;
    // Handlers given first win.
    server.use(
      http.get(`${API}/models/${MODEL}`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(
              errorBody(503, 'ServiceUnavailableError', 'The database is gone'),
              { status: 503 },
            )
          : HttpResponse.json(modelDetails());
      }),
      ...modelHandlers(),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    expect(
      await screen.findByText(`Model ${MODEL} cannot be read`),
    ).toBeInTheDocument();
    expect(screen.getByText('The database is gone')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('region', { name: 'production in us-east-1' }),
    ).toBeInTheDocument();
  });

  it('shows a loading state until the model is read', async () => {
    server.use(
      http.get(`${API}/models/${MODEL}`, () => new Promise(() => {})),
      ...modelHandlers(),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('as an entity tab, reads the model its annotation names', async () => {
    server.use(...modelHandlers());
    renderInTestApp(
      <EntityProvider
        entity={{
          ...modelEntity,
          metadata: {
            name: 'catalog-title-differs',
            annotations: { 'bedrock-models.io/model': MODEL },
          },
        }}
      >
        <ModelTab />
      </EntityProvider>,
      testApis(),
    );
    expect(await screen.findByText('Support assistant')).toBeInTheDocument();
  });
});

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { SecretsContextProvider } from '@backstage/plugin-scaffolder-react';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import type { PortalSettings } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { portalSettings } from '../__testUtils__/modelFixtures';
import {
  API,
  bedrockModelsApiPair,
  errorBody,
} from '../__testUtils__/testApis';
import { PortalSettingPicker } from './PortalSettingPicker';
import {
  PORTAL_SETTING_PICKER,
  validatePortalSetting,
} from './portalSettingPickerField';

const settings: PortalSettings = {
  ...portalSettings(),
  accounts: [
    { accountId: '111122223333', regions: ['us-east-1', 'eu-central-1'] },
    { accountId: '444455556666', regions: ['us-west-2'] },
  ],
  classifications: ['internal', 'phi'],
};

// The Artifacts step of the import template, as the scaffolder reads it.
const manifest = {
  title: 'Import',
  steps: [
    {
      title: 'Artifacts',
      schema: {
        type: 'object',
        required: ['accountId', 'region', 'classification'],
        properties: {
          accountId: {
            title: 'AWS account',
            type: 'string',
            'ui:field': PORTAL_SETTING_PICKER,
            'ui:options': { list: 'accounts' },
          },
          region: {
            title: 'Region',
            type: 'string',
            default: 'eu-central-1',
            'ui:field': PORTAL_SETTING_PICKER,
            'ui:options': { list: 'regions', accountField: 'accountId' },
          },
          classification: {
            title: 'Data classification',
            type: 'string',
            default: 'internal',
            'ui:field': PORTAL_SETTING_PICKER,
            'ui:options': { list: 'classifications' },
          },
        },
      },
    },
  ],
};

const extension = {
  name: PORTAL_SETTING_PICKER,
  component: PortalSettingPicker,
  validation: validatePortalSetting,
};

async function choose(label: string, option: string) {
  // A select's trigger is named by its value, then its label.
  await userEvent.click(
    screen.getByRole('button', { name: new RegExp(` ${label}$`) }),
  );
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

function renderForm(onCreate: jest.Mock) {
  return renderInTestApp(
    <SecretsContextProvider>
      <Stepper
        manifest={manifest}
        extensions={[extension]}
        onCreate={onCreate}
      />
    </SecretsContextProvider>,
    { apis: [bedrockModelsApiPair()] },
  );
}

describe('PortalSettingPicker in the template form', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  // The Stepper scrolls to the top on each step; jsdom has no layout to scroll.
  beforeAll(() => {
    window.scrollTo = jest.fn();
  });

  it('offers the configured accounts, the chosen account’s Regions and the classifications, and submits them', async () => {
    server.use(http.get(`${API}/settings`, () => HttpResponse.json(settings)));
    const onCreate = jest.fn().mockResolvedValue(undefined);
    await renderForm(onCreate);

    // Defaults: the first account, the template's default Region and classification.
    expect(
      await screen.findByRole('button', {
        name: 'Europe (Frankfurt) eu-central-1 Region',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: '111122223333 AWS account' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Internal Data classification' }),
    ).toBeInTheDocument();

    // Another account: its own Regions only, and the old Region gives way to one it has.
    await choose('AWS account', '444455556666');
    expect(
      await screen.findByRole('button', {
        name: 'US West (Oregon) us-west-2 Region',
      }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: / Region$/ }));
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual(['US West (Oregon) us-west-2']);
    await userEvent.keyboard('{Escape}');

    await choose('Data classification', 'PHI (protected health information)');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    await waitFor(() =>
      expect(onCreate).toHaveBeenCalledWith({
        accountId: '444455556666',
        region: 'us-west-2',
        classification: 'phi',
      }),
    );
  });

  it('offers only the Regions the chosen classification may use, and moves off a Region it may not', async () => {
    server.use(
      http.get(`${API}/settings`, () =>
        HttpResponse.json({
          ...settings,
          dataResidency: { phi: ['us-east-1'] },
        }),
      ),
    );
    const step = manifest.steps[0];
    const byClassification = {
      ...manifest,
      steps: [
        {
          ...step,
          schema: {
            ...step.schema,
            properties: {
              accountId: step.schema.properties.accountId,
              classification: step.schema.properties.classification,
              region: {
                ...step.schema.properties.region,
                'ui:options': {
                  list: 'regions',
                  accountField: 'accountId',
                  classificationField: 'classification',
                },
              },
            },
          },
        },
      ],
    };
    const onCreate = jest.fn().mockResolvedValue(undefined);
    await renderInTestApp(
      <SecretsContextProvider>
        <Stepper
          manifest={byClassification}
          extensions={[extension]}
          onCreate={onCreate}
        />
      </SecretsContextProvider>,
      { apis: [bedrockModelsApiPair()] },
    );

    // Internal data may go anywhere the account is managed: the template's default stays.
    expect(
      await screen.findByRole('button', {
        name: 'Europe (Frankfurt) eu-central-1 Region',
      }),
    ).toBeInTheDocument();
    await choose('Data classification', 'PHI (protected health information)');
    // PHI may only be stored in us-east-1: the Region follows, and nothing else is offered.
    expect(
      await screen.findByRole('button', {
        name: 'US East (N. Virginia) us-east-1 Region',
      }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: / Region$/ }));
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual(['US East (N. Virginia) us-east-1']);
    await userEvent.keyboard('{Escape}');

    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    await waitFor(() =>
      expect(onCreate).toHaveBeenCalledWith({
        accountId: '111122223333',
        classification: 'phi',
        region: 'us-east-1',
      }),
    );
  });

  it('says when the settings cannot be read, and retries', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/settings`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(
              errorBody(503, 'ServiceUnavailableError', 'database is down'),
              {
                status: 503,
              },
            )
          : HttpResponse.json(settings);
      }),
    );
    await renderForm(jest.fn());

    expect(
      await screen.findByText(
        "AWS account: the portal's settings cannot be read",
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('database is down').length).toBeGreaterThan(0);
    for (const retry of screen.getAllByRole('button', { name: 'Retry' })) {
      await userEvent.click(retry);
    }
    expect(
      await screen.findByRole('button', { name: '111122223333 AWS account' }),
    ).toBeInTheDocument();
  });
});

describe('validatePortalSetting', () => {
  const api = { getSettings: async () => settings };
  const apiHolder = { get: () => api } as never;

  async function problems(
    value: string,
    options: {
      list: 'accounts' | 'regions' | 'classifications';
      accountField?: string;
    },
    formData: Record<string, string> = {},
  ) {
    const errors: string[] = [];
    await validatePortalSetting(
      value,
      { addError: (message: string) => errors.push(message) } as never,
      {
        apiHolder,
        formData,
        schema: {},
        uiSchema: { 'ui:options': options },
      },
    );
    return errors;
  }

  it('refuses a Region the classification may not use, saying which it may', async () => {
    const residency = {
      getSettings: async () => ({
        ...settings,
        dataResidency: { phi: ['us-east-1'] },
      }),
    };
    const errors: string[] = [];
    await validatePortalSetting(
      'eu-central-1',
      { addError: (message: string) => errors.push(message) } as never,
      {
        apiHolder: { get: () => residency } as never,
        formData: { accountId: '111122223333', classification: 'phi' },
        schema: {},
        uiSchema: {
          'ui:options': {
            list: 'regions',
            classificationField: 'classification',
          },
        },
      },
    );
    expect(errors).toEqual([
      'Data classified phi may not be stored in eu-central-1 under the data-residency policy; choose one of: us-east-1.',
    ]);
  });

  it('refuses a value the configuration does not offer, saying what to choose', async () => {
    expect(
      await problems(
        'us-east-1',
        { list: 'regions' },
        { accountId: '444455556666' },
      ),
    ).toEqual([
      'The portal does not manage us-east-1 in account 444455556666; choose one of: us-west-2.',
    ]);
    expect(
      await problems(
        'us-east-1',
        { list: 'regions' },
        { accountId: '111122223333' },
      ),
    ).toEqual([]);
    expect(await problems('999999999999', { list: 'accounts' })).toEqual([
      'The portal does not manage account 999999999999; choose one of: 111122223333, 444455556666.',
    ]);
  });
});

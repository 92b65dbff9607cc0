import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { SecretsContextProvider } from '@backstage/plugin-scaffolder-react';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import type {
  Model,
  ValidateArtifactsRequest,
  ValidationReport,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { portalSettings } from '../__testUtils__/modelFixtures';
import {
  API,
  bedrockModelsApiPair,
  errorBody,
} from '../__testUtils__/testApis';
import { ArtifactCheck } from './ArtifactCheck';
import { ARTIFACT_CHECK, validateArtifactCheck } from './artifactCheckField';
import { artifactCheckSummary } from './artifactCheckSummary';

const ACCOUNT = '111122223333';
const BROKEN = 's3://ml-artifacts/broken/missing-tokenizer/';
const GOOD = 's3://ml-artifacts/support-summarizer/v3/';

const detected = {
  architecture: 'LlamaForCausalLM',
  family: 'llama',
  weightBytes: 16_060_000_000,
  fileCount: 8,
  contextLength: 131072,
  precision: 'bfloat16',
  parameterCount: 8_030_000_000,
  cmuEstimate: 2,
  converseSupported: true,
};

/** The backend's answers, by artifact set, as POST /validate gives them. */
function report(request: ValidateArtifactsRequest): ValidationReport {
  if (request.s3Uri === BROKEN) {
    return {
      valid: false,
      errors: [
        {
          code: 'missing-tokenizer-config',
          message:
            'tokenizer_config.json is missing. Save the tokenizer with save_pretrained() and upload its files.',
        },
        {
          code: 'missing-tokenizer',
          message:
            'tokenizer.json (or tokenizer.model) is missing. Upload the tokenizer file next to config.json.',
        },
      ],
      warnings: [],
      detected: { ...detected, weightBytes: 1_000, fileCount: 2 },
    };
  }
  return {
    valid: true,
    errors: [],
    warnings: request.modelName
      ? [
          {
            code: 'architecture-changed',
            message: `${request.modelName}'s production version (v2 in us-east-1) is a mistral model; these artifacts are llama (LlamaForCausalLM). Evaluate the new version before you promote it to production.`,
          },
        ]
      : [],
    detected,
  };
}

const existing: Model = {
  name: 'support-summarizer',
  owner: 'group:default/support-ml',
  classification: 'internal',
  lineage: {},
  tags: [],
  createdBy: 'user:default/ana',
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
};

// The import template's Model and Artifacts steps, as the scaffolder reads them (plain fields stand in
// for the pickers).
const manifest = {
  title: 'Import',
  steps: [
    {
      title: 'Model',
      schema: {
        type: 'object',
        properties: {
          modelKind: { title: 'Import as', type: 'string', default: 'new' },
          modelName: { title: 'Model name', type: 'string' },
          existingModel: { title: 'Existing model', type: 'string' },
          owner: { title: 'Owner', type: 'string' },
        },
      },
    },
    {
      title: 'Artifacts',
      schema: {
        type: 'object',
        required: ['s3Uri'],
        properties: {
          s3Uri: { title: 'Artifacts in S3', type: 'string', default: BROKEN },
          accountId: { title: 'AWS account', type: 'string', default: ACCOUNT },
          region: { title: 'Region', type: 'string', default: 'us-east-1' },
          classification: {
            title: 'Data classification',
            type: 'string',
            default: 'internal',
          },
          artifactCheck: {
            title: 'Check artifacts',
            type: 'string',
            description: 'The portal checks the artifacts before you create.',
            'ui:field': ARTIFACT_CHECK,
          },
        },
      },
    },
  ],
};

const extension = {
  name: ARTIFACT_CHECK,
  component: ArtifactCheck,
  validation: validateArtifactCheck,
};

describe('ArtifactCheck in the template form', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let validations: ValidateArtifactsRequest[];
  let consoleError: jest.SpyInstance;

  beforeAll(() => {
    // The Stepper scrolls to the top on each step; jsdom has no layout to scroll.
    window.scrollTo = jest.fn();
  });
  beforeEach(() => {
    validations = [];
    consoleError = jest.spyOn(console, 'error');
    server.use(
      http.get(`${API}/settings`, () => HttpResponse.json(portalSettings())),
      http.get(`${API}/models/:name`, ({ params }) =>
        params.name === existing.name
          ? HttpResponse.json({
              model: existing,
              versions: [],
              pointers: [],
              history: [],
            })
          : HttpResponse.json(
              errorBody(404, 'NotFoundError', `No model ${params.name}`),
              { status: 404 },
            ),
      ),
      http.post(`${API}/validate`, async ({ request }) => {
        const body = (await request.json()) as ValidateArtifactsRequest;
        validations.push(body);
        if (body.s3Uri.includes(' ')) {
          return HttpResponse.json(
            errorBody(
              400,
              'InputError',
              `Invalid body: s3Uri: " " (a space) is not allowed in S3 path segments of an import source (AWS allows letters, digits and - ! _ * ' ( ) .); rename the folder "my model" in ${body.s3Uri}.`,
            ),
            { status: 400 },
          );
        }
        return HttpResponse.json(report(body));
      }),
    );
  });
  afterEach(() => consoleError.mockRestore());

  /**
   * No React act() warnings (or other errors) while the check runs and re-runs. The scaffolder's own
   * error list (Material UI v4's ListItem) warns about findDOMNode when it shows; that one is not ours.
   */
  function expectNoConsoleErrors() {
    const errors = consoleError.mock.calls.filter(
      ([message]) => !String(message).includes('findDOMNode is deprecated'),
    );
    expect(errors).toEqual([]);
  }

  async function renderForm(
    onCreate: jest.Mock,
    model: Record<string, string>,
  ) {
    await renderInTestApp(
      <SecretsContextProvider>
        <Stepper
          manifest={manifest}
          extensions={[extension]}
          onCreate={onCreate}
          initialState={model}
        />
      </SecretsContextProvider>,
      { apis: [bedrockModelsApiPair()] },
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Next' }));
    return screen.findByRole('group', { name: 'Check artifacts' });
  }

  it('refuses a broken set before Create with every problem and its fix, and lets a good set through', async () => {
    const onCreate = jest.fn().mockResolvedValue(undefined);
    const check = await renderForm(onCreate, {
      modelName: 'new-summarizer',
      owner: 'group:default/support-ml',
    });

    // The broken set: both problems, in the backend's words, with their codes.
    expect(
      await within(check).findByText(
        '2 problems to fix before you can create the import',
      ),
    ).toBeInTheDocument();
    const problems = within(check).getByRole('list', {
      name: 'Problems to fix',
    });
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'tokenizer_config.json is missing. Save the tokenizer with save_pretrained() and upload its files. (missing-tokenizer-config)',
      'tokenizer.json (or tokenizer.model) is missing. Upload the tokenizer file next to config.json. (missing-tokenizer)',
    ]);
    // Asked for the new model's owner, with no model to compare architectures with.
    expect(validations[0]).toEqual({
      s3Uri: BROKEN,
      accountId: ACCOUNT,
      region: 'us-east-1',
      classification: 'internal',
      owner: 'group:default/support-ml',
    });

    // Next is refused, saying why; the form stays on the Artifacts step.
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findAllByText(
        'The artifacts cannot be imported yet: fix the 2 problems the check lists, then go on.',
      ),
    ).not.toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();

    // Another folder: the check runs again by itself and passes, saying what the artifacts are.
    const s3Uri = screen.getByRole('textbox', { name: 'Artifacts in S3' });
    await userEvent.clear(s3Uri);
    await userEvent.click(s3Uri);
    await userEvent.paste(GOOD);
    expect(
      await within(check).findByText('The artifacts can be imported'),
    ).toBeInTheDocument();
    const what = within(check).getByLabelText('What the artifacts are');
    expect(what).toHaveTextContent('ArchitectureLlamaForCausalLM (llama)');
    expect(what).toHaveTextContent('Weights16.1 GB in 8 files');
    expect(what).toHaveTextContent('Context131,072 tokens');
    expect(what).toHaveTextContent('Custom Model Units2 per copy');
    expect(what).toHaveTextContent('Import timeabout 12 min');
    // One check per set: the broken one (also asked again for Next), then the good one.
    expect([...new Set(validations.map(v => v.s3Uri))]).toEqual([BROKEN, GOOD]);

    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    await waitFor(() =>
      expect(onCreate).toHaveBeenCalledWith(
        expect.objectContaining({
          s3Uri: GOOD,
          artifactCheck: 'Passed: LlamaForCausalLM, 16.1 GB',
        }),
      ),
    );
    expectNoConsoleErrors();
  });

  it("checks a version of an existing model for the model's owner, shows the backend's warnings, and applies the classification rule", async () => {
    const onCreate = jest.fn().mockResolvedValue(undefined);
    const check = await renderForm(onCreate, {
      modelKind: 'existing',
      existingModel: 'resource:default/support-summarizer',
      s3Uri: GOOD,
      classification: 'public',
    });

    // Lowering the model's classification is a problem the form catches with -common's rule.
    expect(
      await within(check).findByText(
        '1 problem to fix before you can create the import',
      ),
    ).toBeInTheDocument();
    expect(
      within(check).getByText(/classified internal; a new version may not/),
    ).toBeInTheDocument();
    expect(validations[0]).toMatchObject({
      owner: 'group:default/support-ml',
      modelName: 'support-summarizer',
    });

    const classification = screen.getByRole('textbox', {
      name: 'Data classification',
    });
    await userEvent.clear(classification);
    await userEvent.type(classification, 'internal');
    expect(
      await within(check).findByText('The artifacts can be imported'),
    ).toBeInTheDocument();
    const warnings = within(check).getByRole('list', { name: 'Warnings' });
    expect(warnings).toHaveTextContent(
      "support-summarizer's production version (v2 in us-east-1) is a mistral model",
    );
    expect(warnings).toHaveTextContent('(architecture-changed)');
    expect(
      within(check).getByText('1 warning: the import can go ahead'),
    ).toBeInTheDocument();
    // Typing waits for the value to settle: no check of "i", "in", "int" ...
    expect(validations.map(v => v.classification)).toEqual([
      'public',
      'internal',
    ]);
    expectNoConsoleErrors();
  });

  it("shows the backend's refusal of the request itself as a problem, and says when it cannot check", async () => {
    const check = await renderForm(jest.fn(), {
      modelName: 'new-summarizer',
      owner: 'group:default/support-ml',
      s3Uri: 's3://ml-artifacts/my model/',
    });
    expect(
      await within(check).findByText(/" " \(a space\) is not allowed/),
    ).toBeInTheDocument();
    expect(within(check).getByText('(request-refused)')).toBeInTheDocument();

    server.use(
      http.post(`${API}/validate`, () =>
        HttpResponse.json(
          errorBody(503, 'ServiceUnavailableError', 'S3 is not answering'),
          { status: 503 },
        ),
      ),
    );
    await userEvent.click(
      within(check).getByRole('button', { name: 'Check again' }),
    );
    expect(
      await within(check).findByText('The artifacts could not be checked'),
    ).toBeInTheDocument();
    expect(within(check).getByText('S3 is not answering')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findAllByText(
        'The artifacts could not be checked (S3 is not answering); try again.',
      ),
    ).not.toHaveLength(0);
    expectNoConsoleErrors();
  });
});

describe('artifactCheckSummary', () => {
  it('says in one line what the review step shows', () => {
    const base = { checking: false, failedToCheck: false };
    expect(artifactCheckSummary({ ...base, missing: ['the Region'] })).toBe(
      'Not checked yet',
    );
    expect(artifactCheckSummary({ ...base, checking: true })).toBe('Checking');
    expect(artifactCheckSummary({ ...base, failedToCheck: true })).toBe(
      'Could not be checked',
    );
    expect(
      artifactCheckSummary({
        ...base,
        result: {
          passed: false,
          errors: [{ code: 'a', message: 'a' }],
          warnings: [
            { code: 'b', message: 'b' },
            { code: 'c', message: 'c' },
          ],
        },
      }),
    ).toBe('1 problem to fix, 2 warnings');
    expect(
      artifactCheckSummary({
        ...base,
        result: { passed: true, errors: [], warnings: [], detected },
      }),
    ).toBe('Passed: LlamaForCausalLM, 16.1 GB');
  });
});

import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import mcpActionsBackend from '@backstage/plugin-mcp-actions-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  llama31_8bArtifacts,
  RunningEmulator,
  stageArtifactSet,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import bedrockModelsBackend from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { permissionModuleBedrockPortalPolicy } from './permissionPolicy/permissionPolicyModule';
import {
  authWithActors,
  userInfoFrom,
} from './permissionPolicy/__testUtils__/authWithActors';

jest.setTimeout(120_000);

const ACCOUNT = '123456789012';
const MODEL = 'summarizer';
const arn = (version: number) =>
  `arn:aws:bedrock:us-east-1:${ACCOUNT}:imported-model/v${version}aaaaaaaaaa`;

// Who belongs to which group, as the catalog says through the user info service.
const GROUPS: Record<string, string[]> = {
  'user:default/ana': ['group:default/support-ml'],
  'user:default/root': ['group:default/admins'],
  'user:default/bo': ['group:default/other-team'],
};

const group = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const callers = {
  none: mockCredentials.none.header(),
  'non-owner': mockCredentials.user.header('user:default/bo'),
  service: mockCredentials.service.header(),
  owner: mockCredentials.user.header('user:default/ana'),
  admin: mockCredentials.user.header('user:default/root'),
};
type Caller = keyof typeof callers;

/** The parts of the changing tools' outputs the matrix reads. */
type MoveOutput = {
  published?: boolean;
  pointer?: { version?: number };
  move?: { kind?: string; fromVersion?: number | null; toVersion?: number };
};
type ImportOutput = {
  created?: boolean;
  version?: { modelName?: string; number?: number; status?: string };
};

const TOOLS = {
  'bedrock-models.list-models': {
    readOnly: true,
    destructive: false,
    idempotent: true,
  },
  'bedrock-models.get-model': {
    readOnly: true,
    destructive: false,
    idempotent: true,
  },
  'bedrock-models.get-pointer-history': {
    readOnly: true,
    destructive: false,
    idempotent: true,
  },
  'bedrock-models.get-cost': {
    readOnly: true,
    destructive: false,
    idempotent: true,
  },
  'bedrock-models.get-quotas': {
    readOnly: true,
    destructive: false,
    idempotent: true,
  },
  'bedrock-models.validate-artifacts': {
    readOnly: true,
    destructive: false,
    idempotent: true,
  },
  'bedrock-models.promote': {
    readOnly: false,
    destructive: true,
    idempotent: true,
  },
  'bedrock-models.rollback': {
    readOnly: false,
    destructive: true,
    idempotent: false,
  },
  'bedrock-models.start-import': {
    readOnly: false,
    destructive: false,
    idempotent: true,
  },
};

/**
 * The registry's actions as an AI assistant meets them: a real MCP client (the SDK's streamable HTTP
 * transport) against a running backend with the real MCP actions backend, actions registry and actions
 * service, the real permission backend with the portal's policy, and the Bedrock emulator. Each
 * changing tool is run by no token, a non-owner, a service, an owner and an admin.
 */
describe('the registry as MCP tools, through the MCP actions backend and the permission backend', () => {
  let emulator: RunningEmulator;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let knex: Knex;
  let ssm: SSMClient;
  const clients = new Map<Caller, Client>();

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      importJobSeconds: 3600,
      quotas: { importedModelsPerRegion: 100, concurrentImportJobs: 100 },
    });
    stageArtifactSet(
      emulator,
      'ml-artifacts',
      'teams/support-ml/llama/',
      llama31_8bArtifacts(),
    );
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    ({ server } = await startTestBackend({
      features: [
        bedrockModelsBackend,
        mcpActionsBackend,
        // The real registry and service, so tools are listed and invoked over HTTP as in production.
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        permissionBackend,
        permissionModuleBedrockPortalPolicy,
        authWithActors,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({
          entities: [group('support-ml'), group('other-team'), group('admins')],
        }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            backend: { actions: { pluginSources: ['bedrock-models'] } },
            mcpActions: { name: 'Bedrock model portal' },
            bedrockModels: {
              accounts: [
                {
                  accountId: ACCOUNT,
                  regions: ['us-east-1'],
                  importRoleArn: `arn:aws:iam::${ACCOUNT}:role/BedrockModelImport`,
                },
              ],
              sources: [
                {
                  accountId: ACCOUNT,
                  prefixes: ['s3://ml-artifacts/teams/{group}/'],
                },
              ],
              adminGroups: ['group:default/admins'],
              awsEndpoint: emulator.endpoint,
              // Production of confidential models waits for an approval (the claims model below).
              approvals: {
                rules: [
                  {
                    aliases: ['production'],
                    classifications: ['confidential'],
                    approvals: 1,
                    approvers: ['owners'],
                    expiryHours: 24,
                  },
                ],
              },
            },
            aws: {
              accounts: [
                {
                  accountId: ACCOUNT,
                  accessKeyId: ACCOUNT,
                  secretAccessKey: 'l',
                },
              ],
            },
          },
        }),
        userInfoFrom(GROUPS),
      ],
    }));
    ssm = new SSMClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'l' },
    });
    const now = new Date();
    await knex('models').insert({
      name: MODEL,
      owner: 'group:default/support-ml',
      classification: 'internal',
      lineage: '{}',
      tags: '[]',
      created_by: 'x',
      created_at: now,
      updated_at: now,
    });
    await knex('model_versions').insert(
      [1, 2, 3].map(number => ({
        model_name: MODEL,
        number,
        account_id: ACCOUNT,
        region: 'us-east-1',
        status: 'ready',
        imported_model_arn: arn(number),
        s3_uri: 's3://ml-artifacts/teams/support-ml/llama/',
        managed: true,
        created_by: 'user:default/ana',
        created_at: now,
        updated_at: now,
      })),
    );
  });

  /** A confidential model of the same team, whose production pointer an approval rule covers. */
  async function seedConfidentialModel() {
    const now = new Date();
    await knex('models').insert({
      name: 'claims',
      owner: 'group:default/support-ml',
      classification: 'confidential',
      lineage: '{}',
      tags: '[]',
      created_by: 'x',
      created_at: now,
      updated_at: now,
    });
    await knex('model_versions').insert({
      model_name: 'claims',
      number: 1,
      account_id: ACCOUNT,
      region: 'us-east-1',
      status: 'ready',
      imported_model_arn: `arn:aws:bedrock:us-east-1:${ACCOUNT}:imported-model/claims1aaaa`,
      s3_uri: 's3://ml-artifacts/teams/support-ml/llama/',
      managed: true,
      created_by: 'user:default/ana',
      created_at: now,
      updated_at: now,
    });
  }

  afterAll(async () => {
    await Promise.all([...clients.values()].map(client => client.close()));
    await emulator.close();
  });

  const mcpUrl = () =>
    new URL(`http://localhost:${server.port()}/api/mcp-actions/v1`);

  /** An MCP client connected as the caller, as Claude Code or the MCP inspector connects. */
  async function connect(caller: Caller): Promise<Client> {
    const client = new Client({
      name: 'bedrock-portal-test',
      version: '1.0.0',
    });
    await client.connect(
      new StreamableHTTPClientTransport(mcpUrl(), {
        requestInit: { headers: { Authorization: callers[caller] } },
      }),
    );
    return client;
  }

  async function clientOf(caller: Caller): Promise<Client> {
    const existing = clients.get(caller);
    if (existing) return existing;
    const client = await connect(caller);
    clients.set(caller, client);
    return client;
  }

  async function callTool(
    caller: Caller,
    name: string,
    args: Record<string, unknown>,
  ): Promise<CallToolResult> {
    const client = await clientOf(caller);
    return (await client.callTool({
      name: `bedrock-models.${name}`,
      arguments: args,
    })) as CallToolResult;
  }

  /** The text of a tool's answer: the JSON output, or `<ErrorName>: <message>` for a refusal. */
  const textOf = (result: CallToolResult) =>
    result.content.map(c => (c.type === 'text' ? c.text : '')).join('');

  /** The output of a tool that answered, failing with its error text when it refused. */
  async function outputOf(
    caller: Caller,
    name: string,
    args: Record<string, unknown>,
  ) {
    const result = await callTool(caller, name, args);
    expect(result.isError ? textOf(result) : 'answered').toBe('answered');
    return result.structuredContent;
  }

  /** The same request through the REST API, for the message it refuses with. */
  const rest = (caller: Caller, path: string, body: object) =>
    request(server)
      .post(`/api/bedrock-models${path}`)
      .set('Authorization', callers[caller])
      .send(body);

  const ssmValue = async (alias: string) => {
    try {
      const answer = await ssm.send(
        new GetParameterCommand({ Name: `/bedrock-models/${MODEL}/${alias}` }),
      );
      return answer.Parameter?.Value;
    } catch (error) {
      if ((error as Error).name === 'ParameterNotFound') return undefined;
      throw error;
    }
  };
  const pointerVersion = async (alias: string): Promise<number | null> => {
    const [row] = await knex('alias_pointers').where({
      model_name: MODEL,
      alias,
      region: 'us-east-1',
    });
    return row?.version_number ?? null;
  };
  const count = async (table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);

  it('lists the registry tools with honest attributes and inputs described for an agent', async () => {
    const client = await clientOf('owner');
    expect(client.getServerVersion()?.name).toBe('Bedrock model portal');
    const { tools } = await client.listTools();
    const ours = tools.filter(t => t.name.startsWith('bedrock-models.'));
    expect(
      Object.fromEntries(
        ours.map(t => [
          t.name,
          {
            readOnly: t.annotations?.readOnlyHint,
            destructive: t.annotations?.destructiveHint,
            idempotent: t.annotations?.idempotentHint,
          },
        ]),
      ),
    ).toEqual(TOOLS);
    for (const tool of ours) {
      expect(tool.description?.length).toBeGreaterThan(100);
      // Plain JSON schemas: some MCP clients do not follow $ref.
      expect(JSON.stringify(tool.inputSchema)).not.toContain('$ref');
      const properties = Object.entries(tool.inputSchema.properties ?? {});
      expect(properties.length).toBeGreaterThan(0);
      for (const [field, schema] of properties) {
        expect([
          tool.name,
          field,
          (schema as { description?: string }).description,
        ]).toEqual([tool.name, field, expect.stringMatching(/\w.{15,}/)]);
      }
    }
    // The output schemas the actions registry lists, for other callers of the actions service.
    const listed = await request(server)
      .get('/api/bedrock-models/.backstage/actions/v1/actions')
      .set('Authorization', callers.owner);
    expect(listed.status).toBe(200);
    for (const action of listed.body.actions) {
      expect(action.schema.output).toMatchObject({ type: 'object' });
      expect(JSON.stringify(action.schema.output)).not.toContain('$ref');
    }
    // The configured values are named where an agent reads them.
    const promote = ours.find(t => t.name === 'bedrock-models.promote')!;
    expect(JSON.stringify(promote.inputSchema)).toContain(
      'one of production, staging',
    );
    expect(promote.inputSchema.required).toEqual(
      expect.arrayContaining(['model', 'alias', 'region', 'version', 'reason']),
    );
  });

  it('lets an owner read a model, dry-run, promote and roll back, with SSM following each move', async () => {
    const production = {
      model: MODEL,
      alias: 'production',
      region: 'us-east-1',
    };
    expect(
      await outputOf('owner', 'get-model', { model: MODEL }),
    ).toMatchObject({
      model: { name: MODEL, owner: 'group:default/support-ml' },
      versions: [{ number: 1 }, { number: 2 }, { number: 3 }],
      pointers: [],
    });

    expect(
      await outputOf('owner', 'promote', {
        ...production,
        version: 1,
        reason: 'first release',
        dryRun: true,
      }),
    ).toMatchObject({
      dryRun: true,
      move: { fromVersion: null, toVersion: 1 },
    });
    expect(await pointerVersion('production')).toBeNull();
    expect(await ssmValue('production')).toBeUndefined();

    expect(
      await outputOf('owner', 'promote', {
        ...production,
        version: 1,
        reason: 'first release',
        expectedCurrentVersion: null,
      }),
    ).toMatchObject({
      dryRun: false,
      published: true,
      pointer: {
        version: 1,
        parameterName: `/bedrock-models/${MODEL}/production`,
      },
    });
    expect(await ssmValue('production')).toBe(arn(1));

    expect(
      await outputOf('owner', 'promote', {
        ...production,
        version: 2,
        reason: 'better summaries',
        expectedCurrentVersion: 1,
      }),
    ).toMatchObject({
      published: true,
      move: {
        kind: 'promote',
        fromVersion: 1,
        toVersion: 2,
        actor: 'user:default/ana',
      },
    });
    expect(await ssmValue('production')).toBe(arn(2));

    expect(
      await outputOf('owner', 'get-model', { model: MODEL }),
    ).toMatchObject({
      pointers: [{ alias: 'production', version: 2, rollbackTarget: 1 }],
      publishStates: [{ alias: 'production', status: 'published' }],
      recentHistory: [{ toVersion: 2 }, { toVersion: 1 }],
    });

    expect(
      await outputOf('owner', 'rollback', {
        ...production,
        reason: 'summaries too long',
        expectedCurrentVersion: 2,
      }),
    ).toMatchObject({
      published: true,
      move: { kind: 'rollback', fromVersion: 2, toVersion: 1 },
      pointer: { version: 1 },
    });
    expect(await ssmValue('production')).toBe(arn(1));

    // A second rollback by someone who saw version 2 is stale now: refused, and nothing moves.
    const stale = await callTool('owner', 'rollback', {
      ...production,
      reason: 'again',
      expectedCurrentVersion: 2,
    });
    expect(stale.isError).toBe(true);
    expect(textOf(stale)).toMatch(/^ConflictError: /);
    expect(await pointerVersion('production')).toBe(1);
    expect(await ssmValue('production')).toBe(arn(1));

    expect(
      await outputOf('owner', 'get-pointer-history', production),
    ).toMatchObject({
      items: [
        { seq: 1, kind: 'promote', toVersion: 1, reason: 'first release' },
        { seq: 2, kind: 'promote', toVersion: 2 },
        {
          seq: 3,
          kind: 'rollback',
          toVersion: 1,
          reason: 'summaries too long',
        },
      ],
    });
    expect(
      await outputOf('owner', 'get-pointer-history', {
        ...production,
        at: '2020-01-01T00:00:00Z',
      }),
    ).toEqual({
      modelName: MODEL,
      alias: 'production',
      region: 'us-east-1',
      at: '2020-01-01T00:00:00.000Z',
      version: null,
    });
  });

  it('answers the searches and reports of the REST API through the read-only tools', async () => {
    expect(
      await outputOf('owner', 'list-models', {
        q: 'SUMMAR',
        owner: 'group:default/support-ml',
        region: 'us-east-1',
        classification: 'internal',
      }),
    ).toMatchObject({
      totalCount: 1,
      items: [{ name: MODEL, versionCount: 3, regions: ['us-east-1'] }],
    });
    const day = 24 * 3600 * 1000;
    expect(
      await outputOf('owner', 'get-cost', {
        model: MODEL,
        from: new Date(Date.now() - 7 * day).toISOString(),
      }),
    ).toMatchObject({
      modelName: MODEL,
      versions: [{ version: 1 }, { version: 2 }, { version: 3 }],
    });
    expect(
      await outputOf('owner', 'get-quotas', {
        account: ACCOUNT,
        region: 'us-east-1',
      }),
    ).toMatchObject({ accountId: ACCOUNT, importedModels: { limit: 100 } });
    expect(
      await outputOf('owner', 'validate-artifacts', {
        s3Uri: 's3://ml-artifacts/teams/support-ml/llama/',
        accountId: ACCOUNT,
        region: 'us-east-1',
        classification: 'internal',
        owner: 'group:default/support-ml',
      }),
    ).toMatchObject({
      valid: true,
      errors: [],
      detected: { architecture: 'LlamaForCausalLM' },
    });
    // The full report: every problem, each saying what to fix.
    expect(
      await outputOf('owner', 'validate-artifacts', {
        s3Uri: 's3://other-bucket/weights/',
        accountId: ACCOUNT,
        region: 'us-east-1',
        classification: 'internal',
      }),
    ).toMatchObject({
      valid: false,
      errors: [
        {
          code: 'source-not-allowed',
          message:
            's3://other-bucket/weights/ is not an allowed source for models owned by user:default/ana in account 123456789012. Put the artifacts under s3://ml-artifacts/teams/ana/.',
        },
      ],
    });
  });

  it('answers the approval request a promote opens under an approval rule, and nothing moves', async () => {
    await seedConfidentialModel();
    const args = {
      model: 'claims',
      alias: 'production',
      region: 'us-east-1',
      version: 1,
      reason: 'Ready for production',
    };
    const dryRun = await outputOf('owner', 'promote', {
      ...args,
      dryRun: true,
    });
    expect(dryRun).toMatchObject({
      dryRun: true,
      needsApproval: true,
      approvalRule: { approvals: 1, approvers: ['owners'] },
    });

    const requested = await outputOf('owner', 'promote', args);
    expect(requested).toMatchObject({
      approvalRequest: {
        status: 'pending',
        targetVersion: 1,
        fromVersion: null,
        requestedBy: 'user:default/ana',
        rule: { approvers: ['owners'] },
      },
    });
    expect(requested).not.toHaveProperty('move');
    const [pointer] = await knex('alias_pointers').where({
      model_name: 'claims',
    });
    expect(pointer).toBeUndefined();
    const [stored] = await knex('approval_requests').where({
      model_name: 'claims',
    });
    expect(stored).toMatchObject({
      id: (requested as { approvalRequest: { id: string } }).approvalRequest.id,
      requested_by: 'user:default/ana',
    });
  });

  it('refuses a non-owner with the REST API message, and nothing moves', async () => {
    const moves = await count('alias_history');
    const ssmBefore = await ssmValue('production');
    const cases = [
      {
        tool: 'promote',
        path: `/models/${MODEL}/aliases/production`,
        body: { region: 'us-east-1', version: 3, reason: 'mine now' },
      },
      {
        tool: 'rollback',
        path: `/models/${MODEL}/aliases/production/rollback`,
        body: { region: 'us-east-1', reason: 'mine now' },
      },
    ];
    for (const { tool, path, body } of cases) {
      const viaRest = await rest('non-owner', path, body);
      expect(viaRest.status).toBe(403);
      const viaMcp = await callTool('non-owner', tool, {
        model: MODEL,
        alias: 'production',
        ...body,
      });
      expect(viaMcp.isError).toBe(true);
      expect(textOf(viaMcp)).toBe(
        `NotAllowedError: ${viaRest.body.error.message}`,
      );
      expect(textOf(viaMcp)).toBe(
        'NotAllowedError: You may not move the pointers of model summarizer: only its owners and the portal admins may.',
      );
    }
    expect(await count('alias_history')).toBe(moves);
    expect(await ssmValue('production')).toBe(ssmBefore);
  });

  describe('malformed input answers the error of the schema, never a 500', () => {
    const promote = {
      model: MODEL,
      alias: 'production',
      region: 'us-east-1',
      version: 3,
      reason: 'a reason',
    };
    it.each([
      [
        'a Region the registry does not manage',
        'promote',
        { ...promote, region: 'eu-west-9' },
        'InputError: Invalid input: region: must be a managed Region (us-east-1)',
      ],
      [
        'an alias that is not configured',
        'promote',
        { ...promote, alias: 'prod' },
        'InputError: Unknown alias "prod": use one of production, staging.',
      ],
      [
        'a model name the registry never accepts',
        'promote',
        { ...promote, model: 'Summarizer_v2' },
        'InputError: Invalid model name "Summarizer_v2": Model name may only hold lower-case letters and digits in words joined by single hyphens (for example "support-summarizer-2"), with no hyphen at the start or end.',
      ],
      [
        'a blank reason',
        'rollback',
        { ...promote, version: undefined, reason: '   ' },
        'InputError: Invalid input: reason: give a reason; it is kept in the history',
      ],
      [
        'a NUL character',
        'rollback',
        { ...promote, version: undefined, reason: 'a\u0000b' },
        'InputError: Invalid input: reason: remove the NUL character (\\u0000).',
      ],
      [
        'a time that is not one',
        'get-pointer-history',
        {
          model: MODEL,
          alias: 'production',
          region: 'us-east-1',
          at: 'yesterday',
        },
        'InputError: Invalid input: at: must be an ISO 8601 time',
      ],
      [
        'a period the wrong way round',
        'get-cost',
        {
          model: MODEL,
          from: '2025-02-01T00:00:00Z',
          to: '2025-01-01T00:00:00Z',
        },
        'InputError: Invalid input: from: from must be before to',
      ],
      [
        'an account the registry does not manage',
        'get-quotas',
        { account: '999999999999', region: 'us-east-1' },
        'InputError: Invalid input: account: must be a managed account (123456789012)',
      ],
      [
        'an idempotency key with spaces',
        'start-import',
        {
          model: 'new-model',
          idempotencyKey: 'not a key',
          s3Uri: 's3://ml-artifacts/teams/support-ml/llama/',
          accountId: ACCOUNT,
          region: 'us-east-1',
          classification: 'internal',
          owner: 'group:default/support-ml',
        },
        'InputError: Invalid idempotencyKey: idempotencyKey: use printable ASCII without spaces',
      ],
    ])('%s (%s)', async (_what, tool, args, message) => {
      const moves = await count('alias_history');
      const result = await callTool('owner', tool, args);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(message);
      expect(await count('alias_history')).toBe(moves);
    });

    it.each([
      [
        'a version that is not a number',
        { ...promote, version: 'three' },
        'Expected number, received string',
      ],
      ['a missing reason', { ...promote, reason: undefined }, '"reason"'],
      [
        'an unknown field',
        { ...promote, force: true },
        "Unrecognized key(s) in object: 'force'",
      ],
    ])('%s', async (_what, args, detail) => {
      const result = await callTool('owner', 'promote', args);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(
        /^InputError: Invalid input to action "bedrock-models:promote"; caused by \[/,
      );
      expect(textOf(result)).toContain(detail);
    });
  });

  describe('authorization matrix of the changing tools', () => {
    const ROWS: Caller[] = ['none', 'non-owner', 'service', 'owner', 'admin'];
    // The MCP endpoint refuses a request without a token before any tool is listed.
    const NO_TOKEN = 'HTTP 401';
    const MOVE_REFUSALS: Record<Caller, string | undefined> = {
      none: NO_TOKEN,
      'non-owner':
        'NotAllowedError: You may not move the pointers of model summarizer: only its owners and the portal admins may.',
      service:
        'NotAllowedError: Pointers are moved on behalf of a user: call with a user token (or on behalf of one), not service credentials alone.',
      owner: undefined,
      admin: undefined,
    };
    const IMPORT_REFUSALS: Record<Caller, string | undefined> = {
      none: NO_TOKEN,
      'non-owner':
        'NotAllowedError: You may not create a model owned by group:default/support-ml: choose yourself or a group you belong to (user:default/bo, group:default/other-team), or ask a portal admin.',
      service:
        'NotAllowedError: Imports are made on behalf of a user: call with a user token (or on behalf of one), not service credentials alone.',
      owner: undefined,
      admin: undefined,
    };

    /** What a caller gets from a tool: its output, or the text of the refusal. */
    async function attempt(
      caller: Caller,
      tool: string,
      args: Record<string, unknown>,
    ): Promise<{ output?: unknown; refusal?: string }> {
      if (caller === 'none') {
        const failure = await connect(caller).then(
          () => undefined,
          (error: { code?: number }) => error,
        );
        return { refusal: failure && `HTTP ${failure.code}` };
      }
      const result = await callTool(caller, tool, args);
      return result.isError
        ? { refusal: textOf(result) }
        : { output: result.structuredContent };
    }

    beforeAll(async () => {
      // Staging has named two versions, so it has something to roll back to.
      for (const version of [1, 2]) {
        const res = await rest('owner', `/models/${MODEL}/aliases/staging`, {
          region: 'us-east-1',
          version,
          reason: 'set up staging',
        });
        if (res.status !== 200) throw new Error(JSON.stringify(res.body));
      }
    });

    it('refuses a caller without a token before any tool is listed', async () => {
      await expect(connect('none')).rejects.toMatchObject({
        code: 401,
        message: expect.stringContaining('"Missing credentials"'),
      });
    });

    it.each(ROWS)('promote, by %s', async caller => {
      const before = await pointerVersion('staging');
      const target = before === 2 ? 1 : 2;
      const moves = await count('alias_history');
      const allowed = MOVE_REFUSALS[caller] === undefined;
      const { output, refusal } = await attempt(caller, 'promote', {
        model: MODEL,
        alias: 'staging',
        region: 'us-east-1',
        version: target,
        reason: `by ${caller}`,
      });
      expect(refusal).toBe(MOVE_REFUSALS[caller]);
      const moved = output as MoveOutput | undefined;
      expect([moved?.published, moved?.pointer?.version]).toEqual(
        allowed ? [true, target] : [undefined, undefined],
      );
      const after = allowed ? target : before;
      expect(await pointerVersion('staging')).toBe(after);
      expect(await count('alias_history')).toBe(moves + (allowed ? 1 : 0));
      expect(await ssmValue('staging')).toBe(arn(after!));
    });

    it.each(ROWS)('rollback, by %s', async caller => {
      const before = await pointerVersion('staging');
      const back = before === 2 ? 1 : 2;
      const moves = await count('alias_history');
      const allowed = MOVE_REFUSALS[caller] === undefined;
      const { output, refusal } = await attempt(caller, 'rollback', {
        model: MODEL,
        alias: 'staging',
        region: 'us-east-1',
        reason: `by ${caller}`,
        expectedCurrentVersion: before,
      });
      expect(refusal).toBe(MOVE_REFUSALS[caller]);
      const moved = output as MoveOutput | undefined;
      expect([
        moved?.published,
        moved?.move?.kind,
        moved?.move?.fromVersion,
        moved?.move?.toVersion,
      ]).toEqual(
        allowed
          ? [true, 'rollback', before, back]
          : [undefined, undefined, undefined, undefined],
      );
      const after = allowed ? back : before;
      expect(await pointerVersion('staging')).toBe(after);
      expect(await count('alias_history')).toBe(moves + (allowed ? 1 : 0));
      expect(await ssmValue('staging')).toBe(arn(after!));
    });

    const newModel = (name: string, idempotencyKey: string) => ({
      model: name,
      idempotencyKey,
      s3Uri: 's3://ml-artifacts/teams/support-ml/llama/',
      accountId: ACCOUNT,
      region: 'us-east-1',
      classification: 'internal',
      owner: 'group:default/support-ml',
    });

    it.each(ROWS)(
      'start-import of a new model owned by support-ml, by %s',
      async caller => {
        const name = `mcp-new-${caller}`;
        const models = await count('models');
        const allowed = IMPORT_REFUSALS[caller] === undefined;
        const { output, refusal } = await attempt(
          caller,
          'start-import',
          newModel(name, `import-${caller}`),
        );
        expect(refusal).toBe(IMPORT_REFUSALS[caller]);
        const imported = output as ImportOutput | undefined;
        expect([
          imported?.created,
          imported?.version?.modelName,
          imported?.version?.number,
          imported?.version?.status,
        ]).toEqual(
          allowed
            ? [true, name, 1, 'importing']
            : [undefined, undefined, undefined, undefined],
        );
        expect(await count('models')).toBe(models + (allowed ? 1 : 0));
      },
    );

    it('answers a retried start-import with the same version, and starts no second job', async () => {
      const args = newModel('mcp-retried', 'retried-import');
      const first = await outputOf('owner', 'start-import', args);
      expect(first).toMatchObject({ created: true, version: { number: 1 } });
      expect(await outputOf('owner', 'start-import', args)).toEqual({
        ...(first as object),
        created: false,
      });
      expect(
        await knex('model_versions').where({ model_name: 'mcp-retried' }),
      ).toHaveLength(1);
    });
  });
});

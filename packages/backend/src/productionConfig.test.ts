import { resolve as resolvePath } from 'node:path';
import { RootConfigService } from '@backstage/backend-plugin-api';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { readHttpServerOptions } from '@backstage/backend-defaults/rootHttpRouter';
import { ServiceFactoryTester } from '@backstage/backend-test-utils';
import { Config } from '@backstage/config';
import { guestSignInProblem } from './signInProviders';

const ROOT = resolvePath(__dirname, '../../..');
const DEMO = resolvePath(ROOT, 'app-config.yaml');
const PRODUCTION = resolvePath(ROOT, 'app-config.production.yaml');

// What a deployment sets (README, "Running against real AWS"), plus the demo's emulator endpoint left
// in the environment by mistake.
const DEPLOYMENT_ENV = {
  POSTGRES_HOST: 'db.internal',
  POSTGRES_PORT: '5432',
  POSTGRES_USER: 'backstage',
  POSTGRES_PASSWORD: 'secret',
  PORTAL_BASE_URL: 'https://models.example.com',
  AUTH_GITHUB_CLIENT_ID: 'client-id',
  AUTH_GITHUB_CLIENT_SECRET: 'client-secret',
  CATALOG_ORG_URL: 'https://github.com/acme/catalog/blob/main/org.yaml',
  CATALOG_TEMPLATES_URL:
    'https://github.com/acme/catalog/blob/main/templates/import-bedrock-model/template.yaml',
  BEDROCK_ACCOUNT_ID: '210987654321',
  BEDROCK_IMPORT_ROLE_ARN: 'arn:aws:iam::210987654321:role/BedrockModelImport',
  BEDROCK_ADMIN_GROUP: 'group:default/ml-governance',
  BEDROCK_ARTIFACT_BUCKET: 'acme-model-artifacts',
  BEDROCK_PORTAL_ROLE_NAME: 'BedrockPortal',
  BEDROCK_PORTAL_ROLE_EXTERNAL_ID: 'portal-external-id',
  BEDROCK_AWS_ENDPOINT: 'http://127.0.0.1:4599',
};

/** Loads the config files with the backend's own root config service, under the given environment. */
async function load(
  files: string[],
  env: Record<string, string>,
): Promise<RootConfigService> {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) {
    if (key in DEPLOYMENT_ENV || key.startsWith('APP_CONFIG_')) {
      delete process.env[key];
    }
  }
  Object.assign(process.env, env);
  const log = jest.spyOn(console, 'log').mockImplementation(() => {});
  try {
    return await ServiceFactoryTester.from(
      rootConfigServiceFactory({
        argv: ['node', 'backend', ...files.flatMap(f => ['--config', f])],
        watch: false,
      }),
    ).getSubject();
  } finally {
    log.mockRestore();
    process.env = saved;
  }
}

/** Every place @backstage/integration-aws-node reads static keys from. */
function staticKeys(config: Config): string[] {
  const places = [
    ['aws.mainAccount', config.getOptionalConfig('aws.mainAccount')],
    ['aws.accountDefaults', config.getOptionalConfig('aws.accountDefaults')],
    ...(config.getOptionalConfigArray('aws.accounts') ?? []).map(
      (account, i) => [`aws.accounts[${i}]`, account] as const,
    ),
  ] as const;
  return places.flatMap(([where, section]) =>
    ['accessKeyId', 'secretAccessKey']
      .filter(key => section?.has(key))
      .map(key => `${where}.${key}`),
  );
}

/** Sign-in providers with at least one sign-in resolver, as `provider.environment: resolvers`. */
function signInResolvers(config: Config): string[] {
  const providers = config.getOptionalConfig('auth.providers');
  return (providers?.keys() ?? []).flatMap(provider =>
    providers!
      .getConfig(provider)
      .keys()
      .flatMap(environment => {
        const resolvers =
          providers!.getOptionalConfigArray(
            `${provider}.${environment}.signIn.resolvers`,
          ) ?? [];
        return resolvers.length > 0
          ? [
              `${provider}.${environment}: ${resolvers
                .map(r => r.getString('resolver'))
                .join(', ')}`,
            ]
          : [];
      }),
  );
}

function locationTargets(config: Config): string[] {
  return (config.getOptionalConfigArray('catalog.locations') ?? []).map(
    location => location.getOptionalString('target') ?? '(no target)',
  );
}

describe('app-config.yaml + app-config.production.yaml, as the production backend loads them', () => {
  describe.each([
    ['with the deployment environment set', DEPLOYMENT_ENV],
    ['with no environment at all', {}],
  ])('%s', (_, env) => {
    let config: RootConfigService;
    beforeAll(async () => {
      config = await load([DEMO, PRODUCTION], env);
    });

    it('has no guest sign-in nor the second demo user, and passes the start-up check for NODE_ENV=production', () => {
      expect(config.has('auth.providers.guest')).toBe(false);
      expect(config.has('auth.providers.demo-approver')).toBe(false);
      expect(config.getOptionalConfig('auth.providers')?.keys()).not.toContain(
        'guest',
      );
      expect(config.getOptionalConfig('auth.providers')?.keys()).not.toContain(
        'demo-approver',
      );
      expect(guestSignInProblem(config, 'production')).toBeUndefined();
    });

    it('has a real sign-in provider with a sign-in resolver, for the environment the app asks for', () => {
      expect(config.getString('auth.environment')).toBe('production');
      expect(signInResolvers(config)).toEqual([
        'github.production: usernameMatchingUserEntityName',
      ]);
      // The app's sign-in page offers exactly the providers the backend has.
      expect(config.getStringArray('app.signIn.providers')).toEqual(
        config.getConfig('auth.providers').keys(),
      );
    });

    it('reads no catalog data or template from examples/', () => {
      expect(locationTargets(config)).toHaveLength(2);
      for (const target of locationTargets(config)) {
        expect(target).not.toMatch(/examples/);
      }
      for (const location of config.getConfigArray('catalog.locations')) {
        expect(location.getString('type')).toBe('url');
      }
    });

    it('has no static AWS keys', () => {
      expect(staticKeys(config)).toEqual([]);
    });

    it('talks to AWS itself, not to the emulator, even when BEDROCK_AWS_ENDPOINT is set', () => {
      expect(config.has('bedrockModels.awsEndpoint')).toBe(false);
      expect(config.getOptionalString('bedrockModels.awsEndpoint')).toBe(
        undefined,
      );
    });

    it('listens on all interfaces, as a deployment needs', () => {
      expect(readHttpServerOptions(config.getConfig('backend')).listen).toEqual(
        { host: '', port: 7007 },
      );
    });

    it('does not inherit the demo account, admin group or database', () => {
      expect(
        (config.getOptionalConfigArray('aws.accounts') ?? []).map(a =>
          a.getOptionalString('accountId'),
        ),
      ).not.toContain('123456789012');
      expect(
        (config.getOptionalConfigArray('bedrockModels.accounts') ?? []).map(a =>
          a.getOptionalString('accountId'),
        ),
      ).not.toContain('123456789012');
      expect(
        config.getOptionalStringArray('bedrockModels.adminGroups'),
      ).not.toContain('group:default/admins');
      expect(config.getString('backend.database.client')).toBe('pg');
    });
  });

  it('with the deployment environment: AWS by role per account, the registry on that account with its import role', async () => {
    const config = await load([DEMO, PRODUCTION], DEPLOYMENT_ENV);
    expect(config.get('aws.accounts')).toEqual([
      {
        accountId: '210987654321',
        roleName: 'BedrockPortal',
        externalId: 'portal-external-id',
      },
    ]);
    expect(config.get('bedrockModels.accounts')).toEqual([
      {
        accountId: '210987654321',
        alias: 'ml-prod',
        regions: expect.any(Array),
        importRoleArn: 'arn:aws:iam::210987654321:role/BedrockModelImport',
      },
    ]);
    expect(config.get('bedrockModels.adminGroups')).toEqual([
      'group:default/ml-governance',
    ]);
    // The demo's artifact folders are replaced: each team imports from its own folder of the company's bucket.
    expect(config.get('bedrockModels.sources')).toEqual([
      {
        accountId: '210987654321',
        prefixes: ['s3://acme-model-artifacts/teams/{group}/'],
      },
    ]);
    expect(config.get('bedrockModels.discovery.defaultOwner')).toBe(
      'group:default/ml-governance',
    );
    expect(locationTargets(config)).toEqual([
      DEPLOYMENT_ENV.CATALOG_ORG_URL,
      DEPLOYMENT_ENV.CATALOG_TEMPLATES_URL,
    ]);
    expect(config.getString('backend.baseUrl')).toBe(
      'https://models.example.com',
    );
  });
});

describe('app-config.yaml alone: the local demo keeps its pieces', () => {
  let config: RootConfigService;
  beforeAll(async () => {
    config = await load([DEMO], {
      BEDROCK_AWS_ENDPOINT: 'http://127.0.0.1:4599',
    });
  });

  it('signs in as the demo guest (or its second user, an approver), reads examples/ and talks to the emulator', () => {
    expect(config.getString('auth.providers.guest.userEntityRef')).toBe(
      'user:default/guest',
    );
    expect(config.getString('auth.providers.demo-approver.userEntityRef')).toBe(
      'user:default/gale',
    );
    expect(
      locationTargets(config).filter(t => t.includes('examples/')),
    ).not.toEqual([]);
    expect(config.getString('bedrockModels.awsEndpoint')).toBe(
      'http://127.0.0.1:4599',
    );
  });

  it('listens on 127.0.0.1 only', () => {
    expect(readHttpServerOptions(config.getConfig('backend')).listen).toEqual({
      host: '127.0.0.1',
      port: 7007,
    });
  });

  it('refuses to start under NODE_ENV=production, starts in development', () => {
    expect(guestSignInProblem(config, 'production')).toMatch(
      /auth\.providers\.guest is configured while NODE_ENV=production/,
    );
    expect(guestSignInProblem(config, 'production')).toMatch(
      /auth\.providers\.demo-approver is configured while NODE_ENV=production/,
    );
    expect(guestSignInProblem(config, 'development')).toBeUndefined();
  });
});

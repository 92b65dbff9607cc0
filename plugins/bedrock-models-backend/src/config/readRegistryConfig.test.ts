import { ConfigReader } from '@backstage/config';
import { parameterNameFor, readRegistryConfig } from './readRegistryConfig';

describe('readRegistryConfig', () => {
  it('reads keep-warm timing, and refuses a default heartbeat the copy would be evicted before', () => {
    const read = (keepWarm: object) =>
      readRegistryConfig(new ConfigReader({ bedrockModels: { keepWarm } }))
        .keepWarm;
    expect(
      read({
        evictionMinutes: 30,
        leadMinutes: 5,
        defaultIntervalMinutes: 10,
        coldStartThresholdSeconds: 2.5,
      }),
    ).toEqual({
      evictionMinutes: 30,
      leadMinutes: 5,
      defaultIntervalMinutes: 10,
      coldStartThresholdMs: 2500,
    });
    expect(() => read({ evictionMinutes: 10 })).toThrow(
      'bedrockModels.keepWarm.defaultIntervalMinutes (14) must be shorter than evictionMinutes (10): a copy idle that long is evicted between two heartbeats',
    );
    expect(() => read({ leadMinutes: -1 })).toThrow(
      'bedrockModels.keepWarm.leadMinutes must be a whole number of minutes from 0',
    );
    expect(() => read({ coldStartThresholdSeconds: 0 })).toThrow(
      'bedrockModels.keepWarm.coldStartThresholdSeconds must be a positive number of seconds',
    );
  });

  it('fills in the defaults', () => {
    expect(readRegistryConfig(new ConfigReader({}))).toEqual({
      accounts: [],
      aliases: ['production', 'staging'],
      sources: [],
      approvals: [],
      evaluationGates: [],
      notifications: { publishFailingMinutes: 15 },
      ssmParameterPrefix: '/bedrock-models',
      adminGroups: [],
      classifications: ['public', 'internal', 'confidential', 'phi'],
      dataResidency: {},
      imports: { pollIntervalSeconds: 30, warmUp: false },
      keepWarm: {
        evictionMinutes: 60,
        leadMinutes: 10,
        defaultIntervalMinutes: 14,
        coldStartThresholdMs: 15_000,
      },
      discovery: {
        defaultOwner: 'group:default/ml-platform',
        defaultClassification: 'internal',
        frequencyMinutes: 10,
      },
      pricing: {
        currency: 'USD',
        cmuMinute: {},
        storageCmuMonth: 0,
        alwaysOnHourly: {},
        source: 'bedrockModels.pricing in app-config (no prices configured)',
      },
      awsEndpoint: undefined,
    });
  });

  it('reads import, discovery, residency and pricing settings', () => {
    const config = readRegistryConfig(
      new ConfigReader({
        bedrockModels: {
          accounts: [
            {
              accountId: '123456789012',
              regions: ['us-east-1'],
              importRoleArn: 'arn:aws:iam::123456789012:role/Import',
            },
          ],
          dataResidency: { phi: ['us-east-1'] },
          imports: { pollIntervalSeconds: 5, warmUp: true },
          discovery: { defaultOwner: 'group:default/x', frequencyMinutes: 2 },
          pricing: {
            cmuMinute: { 'us-east-1': 0.05718 },
            storageCmuMonth: 1.95,
            alwaysOnHourly: { 'us-east-1': 20 },
            source: 'list prices',
          },
        },
      }),
    );
    expect(config.accounts[0].importRoleArn).toBe(
      'arn:aws:iam::123456789012:role/Import',
    );
    expect(config.dataResidency).toEqual({ phi: ['us-east-1'] });
    expect(config.imports).toEqual({ pollIntervalSeconds: 5, warmUp: true });
    expect(config.discovery.frequencyMinutes).toBe(2);
    expect(config.pricing).toEqual({
      currency: 'USD',
      cmuMinute: { 'us-east-1': 0.05718 },
      storageCmuMonth: 1.95,
      alwaysOnHourly: { 'us-east-1': 20 },
      source: 'list prices',
    });
  });

  it.each([
    [
      { dataResidency: { secret: ['us-east-1'] } },
      'bedrockModels.dataResidency.secret: not a configured classification (public, internal, confidential, phi)',
    ],
    [
      {
        accounts: [
          {
            accountId: '123456789012',
            regions: ['us-east-1'],
            importRoleArn: 'role/x',
          },
        ],
      },
      'bedrockModels.accounts[123456789012].importRoleArn: "role/x" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)',
    ],
    [
      { imports: { pollIntervalSeconds: 0 } },
      'bedrockModels.imports.pollIntervalSeconds must be a positive number of seconds',
    ],
    [
      { pricing: { cmuMinute: { 'us-east-1': -1 } } },
      'bedrockModels.pricing.cmuMinute.us-east-1 must be a price of 0 or more',
    ],
  ])('refuses bad settings with what to fix: %j', (bedrockModels, message) => {
    expect(() =>
      readRegistryConfig(new ConfigReader({ bedrockModels })),
    ).toThrow(message);
  });

  it('reads every setting', () => {
    const config = readRegistryConfig(
      new ConfigReader({
        bedrockModels: {
          accounts: [
            {
              accountId: '123456789012',
              regions: ['us-east-1', 'eu-central-1'],
            },
          ],
          aliases: ['production', 'canary'],
          ssmParameterPrefix: '/ml/models',
          adminGroups: ['group:default/ml-platform'],
          classifications: ['internal'],
          awsEndpoint: 'http://127.0.0.1:4599',
        },
      }),
    );
    expect(config).toMatchObject({
      aliases: ['production', 'canary'],
      awsEndpoint: 'http://127.0.0.1:4599',
      adminGroups: ['group:default/ml-platform'],
    });
    expect(parameterNameFor(config, 'summarizer', 'production')).toBe(
      '/ml/models/summarizer/production',
    );
  });

  it.each([
    [
      { accounts: [{ accountId: '123', regions: ['us-east-1'] }] },
      'is not a 12-digit AWS account id',
    ],
    [
      { accounts: [{ accountId: '123456789012', regions: ['Virginia'] }] },
      'must list AWS Regions',
    ],
    [{ aliases: ['Production'] }, 'must be lower-case letters'],
    [{ ssmParameterPrefix: 'models/' }, 'must start with "/"'],
  ])('refuses %p, saying what to fix', (bedrockModels, message) => {
    expect(() =>
      readRegistryConfig(new ConfigReader({ bedrockModels })),
    ).toThrow(message);
  });

  it('reads the allowed artifact sources, and refuses ones that are not S3 folders', () => {
    const accounts = [{ accountId: '123456789012', regions: ['us-east-1'] }];
    const config = readRegistryConfig(
      new ConfigReader({
        bedrockModels: {
          accounts,
          sources: [
            {
              accountId: '123456789012',
              prefixes: ['s3://ml-artifacts/teams/{group}/'],
              owners: [
                {
                  owner: 'group:default/support-ml',
                  prefixes: ['s3://shared-artifacts/support/'],
                },
              ],
            },
          ],
        },
      }),
    );
    expect(config.sources).toEqual([
      {
        accountId: '123456789012',
        prefixes: ['s3://ml-artifacts/teams/{group}/'],
        owners: [
          {
            owner: 'group:default/support-ml',
            prefixes: ['s3://shared-artifacts/support/'],
          },
        ],
      },
    ]);
    const read = (sources: object[]) => () =>
      readRegistryConfig(
        new ConfigReader({ bedrockModels: { accounts, sources } }),
      );
    expect(
      read([{ accountId: '123456789012', prefixes: ['s3://bucket/no-slash'] }]),
    ).toThrow(
      'bedrockModels.sources[0].prefixes: "s3://bucket/no-slash" must be an S3 folder such as s3://bucket/teams/{group}/ (ending with "/")',
    );
    expect(
      read([{ accountId: '999999999999', prefixes: ['s3://bucket/'] }]),
    ).toThrow(
      'bedrockModels.sources[0].accountId: 999999999999 is not one of bedrockModels.accounts',
    );
  });
});

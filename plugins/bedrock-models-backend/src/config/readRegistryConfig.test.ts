import { ConfigReader } from '@backstage/config';
import { parameterNameFor, readRegistryConfig } from './readRegistryConfig';

describe('readRegistryConfig', () => {
  it('fills in the defaults', () => {
    expect(readRegistryConfig(new ConfigReader({}))).toEqual({
      accounts: [],
      aliases: ['production', 'staging'],
      ssmParameterPrefix: '/bedrock-models',
      adminGroups: [],
      classifications: ['public', 'internal', 'confidential', 'phi'],
      awsEndpoint: undefined,
    });
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
});

import { Config } from '@backstage/config';

/** The registry's settings, read and checked once at start-up. */
export type RegistryConfig = {
  accounts: Array<{ accountId: string; regions: string[] }>;
  aliases: string[];
  ssmParameterPrefix: string;
  adminGroups: string[];
  classifications: string[];
  awsEndpoint?: string;
};

const ALIAS_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Reads `bedrockModels` config, failing start-up with what to fix when it is wrong. */
export function readRegistryConfig(config: Config): RegistryConfig {
  const root = config.getOptionalConfig('bedrockModels');
  const accounts = (root?.getOptionalConfigArray('accounts') ?? []).map(
    account => ({
      accountId: account.getString('accountId'),
      regions: account.getStringArray('regions'),
    }),
  );
  for (const { accountId, regions } of accounts) {
    if (!/^\d{12}$/.test(accountId)) {
      throw new Error(
        `bedrockModels.accounts: "${accountId}" is not a 12-digit AWS account id`,
      );
    }
    const bad = regions.filter(r => !REGION_PATTERN.test(r));
    if (bad.length > 0 || regions.length === 0) {
      throw new Error(
        `bedrockModels.accounts[${accountId}].regions must list AWS Regions such as us-east-1; got ${JSON.stringify(
          regions,
        )}`,
      );
    }
  }
  const aliases = root?.getOptionalStringArray('aliases') ?? [
    'production',
    'staging',
  ];
  const badAlias = aliases.find(a => !ALIAS_PATTERN.test(a));
  if (badAlias !== undefined) {
    throw new Error(
      `bedrockModels.aliases: "${badAlias}" must be lower-case letters, digits and hyphens, starting with a letter`,
    );
  }
  const prefix =
    root?.getOptionalString('ssmParameterPrefix') ?? '/bedrock-models';
  if (!/^\/[a-zA-Z0-9_.\-/]*[a-zA-Z0-9_.-]$/.test(prefix)) {
    throw new Error(
      `bedrockModels.ssmParameterPrefix: "${prefix}" must start with "/" and not end with one`,
    );
  }
  return {
    accounts,
    aliases,
    ssmParameterPrefix: prefix,
    adminGroups: root?.getOptionalStringArray('adminGroups') ?? [],
    classifications: root?.getOptionalStringArray('classifications') ?? [
      'public',
      'internal',
      'confidential',
      'phi',
    ],
    awsEndpoint: root?.getOptionalString('awsEndpoint'),
  };
}

/** The SSM parameter callers read a pointer from. */
export function parameterNameFor(
  config: RegistryConfig,
  modelName: string,
  alias: string,
): string {
  return `${config.ssmParameterPrefix}/${modelName}/${alias}`;
}

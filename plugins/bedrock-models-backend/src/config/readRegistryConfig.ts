import { Config } from '@backstage/config';
import {
  ApprovalRule,
  ArtifactSourceRule,
  EvaluationGate,
  MODEL_OWNERS,
  OWNER_NAME_PLACEHOLDER,
  parseS3Uri,
  PriceSheet,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/**
 * The registry's settings, read and checked once at start-up.
 *
 * @public
 */
export type RegistryConfig = {
  accounts: Array<{
    accountId: string;
    /** A name people read instead of the 12-digit id. */
    alias?: string;
    regions: string[];
    /** The IAM role Bedrock assumes to read the artifacts; imports into this account need it. */
    importRoleArn?: string;
  }>;
  aliases: string[];
  ssmParameterPrefix: string;
  adminGroups: string[];
  classifications: string[];
  /** Where each account's imports may come from, per owner. */
  sources: ArtifactSourceRule[];
  /** Moves that need approval, first matching rule first. */
  approvals: ApprovalRule[];
  /** How each alias treats evaluations of the version a promote names. */
  evaluationGates: EvaluationGate[];
  notifications: {
    /** Minutes an SSM write may keep failing before owners and admins are told. */
    publishFailingMinutes: number;
  };
  /** Per classification, the Regions where such data may be stored; unlisted classifications may go anywhere. */
  dataResidency: Record<string, string[]>;
  imports: {
    /** At most one GetModelImportJob per job per this many seconds. */
    pollIntervalSeconds: number;
    /** Call a model once after import to record its cold start. */
    warmUp: boolean;
  };
  keepWarm: {
    /** Minutes a copy may idle before it is evicted; heartbeat intervals must be shorter. */
    evictionMinutes: number;
    /** Minutes before a window opens that heartbeats start. */
    leadMinutes: number;
    defaultIntervalMinutes: number;
    /** A call served after waiting this long met a cold copy. */
    coldStartThresholdMs: number;
  };
  discovery: {
    /** Owner of discovered models that carry no owner tag. */
    defaultOwner: string;
    /** Classification of discovered models that carry none. */
    defaultClassification: string;
    /** Minutes between two discovery passes. */
    frequencyMinutes: number;
  };
  pricing: PriceSheet & { alwaysOnHourly: Record<string, number> };
  awsEndpoint?: string;
};

const ALIAS_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

/**
 * Reads `bedrockModels` config, failing start-up with what to fix when it is wrong.
 *
 * @public
 */
export function readRegistryConfig(config: Config): RegistryConfig {
  const root = config.getOptionalConfig('bedrockModels');
  const accounts = (root?.getOptionalConfigArray('accounts') ?? []).map(
    account => ({
      accountId: account.getString('accountId'),
      alias: account.getOptionalString('alias'),
      regions: account.getStringArray('regions'),
      importRoleArn: account.getOptionalString('importRoleArn'),
    }),
  );
  for (const { accountId, regions, importRoleArn } of accounts) {
    if (
      importRoleArn !== undefined &&
      !/^arn:aws(-[a-z-]+)?:iam::\d{12}:role\/.+$/.test(importRoleArn)
    ) {
      throw new Error(
        `bedrockModels.accounts[${accountId}].importRoleArn: "${importRoleArn}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`,
      );
    }
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
  const classifications = root?.getOptionalStringArray('classifications') ?? [
    'public',
    'internal',
    'confidential',
    'phi',
  ];
  const residencyConfig = root?.getOptionalConfig('dataResidency');
  const dataResidency: Record<string, string[]> = {};
  for (const key of residencyConfig?.keys() ?? []) {
    if (!classifications.includes(key)) {
      throw new Error(
        `bedrockModels.dataResidency.${key}: not a configured classification (${classifications.join(
          ', ',
        )})`,
      );
    }
    dataResidency[key] = residencyConfig!.getStringArray(key);
  }
  const discovery = root?.getOptionalConfig('discovery');
  const defaultClassification =
    discovery?.getOptionalString('defaultClassification') ?? 'internal';
  if (!classifications.includes(defaultClassification)) {
    throw new Error(
      `bedrockModels.discovery.defaultClassification: "${defaultClassification}" is not one of ${classifications.join(
        ', ',
      )}`,
    );
  }
  const pollIntervalSeconds =
    root?.getOptionalNumber('imports.pollIntervalSeconds') ?? 30;
  if (!(pollIntervalSeconds > 0)) {
    throw new Error(
      'bedrockModels.imports.pollIntervalSeconds must be a positive number of seconds',
    );
  }
  return {
    accounts,
    aliases,
    sources: readSources(
      root?.getOptionalConfigArray('sources') ?? [],
      accounts,
    ),
    approvals: readApprovalRules(
      root?.getOptionalConfig('approvals'),
      aliases,
      classifications,
    ),
    evaluationGates: readEvaluationGates(
      root?.getOptionalConfigArray('evaluationGates') ?? [],
      aliases,
    ),
    notifications: {
      publishFailingMinutes:
        root?.getOptionalNumber('notifications.publishFailingMinutes') ?? 15,
    },
    dataResidency,
    imports: {
      pollIntervalSeconds,
      warmUp: root?.getOptionalBoolean('imports.warmUp') ?? false,
    },
    keepWarm: readKeepWarm(root?.getOptionalConfig('keepWarm')),
    discovery: {
      defaultOwner:
        discovery?.getOptionalString('defaultOwner') ??
        'group:default/ml-platform',
      defaultClassification,
      frequencyMinutes: discovery?.getOptionalNumber('frequencyMinutes') ?? 10,
    },
    pricing: readPricing(root?.getOptionalConfig('pricing')),
    ssmParameterPrefix: prefix,
    adminGroups: root?.getOptionalStringArray('adminGroups') ?? [],
    classifications,
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

/** Checks one source prefix: an S3 folder (with `{group}` standing for a name), ending with "/". */
function checkSourcePrefix(prefix: string, where: string): string {
  const sample = prefix.split(OWNER_NAME_PLACEHOLDER).join('team');
  const parsed = parseS3Uri(sample);
  if ('problem' in parsed || !prefix.endsWith('/')) {
    throw new Error(
      `${where}: "${prefix}" must be an S3 folder such as s3://bucket/teams/${OWNER_NAME_PLACEHOLDER}/ (ending with "/")${
        'problem' in parsed ? `: ${parsed.problem}` : ''
      }`,
    );
  }
  return prefix;
}

/** Reads `bedrockModels.sources`: per account, the S3 prefixes imports may come from. */
function readSources(
  entries: Config[],
  accounts: RegistryConfig['accounts'],
): ArtifactSourceRule[] {
  return entries.map((entry, i) => {
    const accountId = entry.getString('accountId');
    if (!accounts.some(a => a.accountId === accountId)) {
      throw new Error(
        `bedrockModels.sources[${i}].accountId: ${accountId} is not one of bedrockModels.accounts`,
      );
    }
    return {
      accountId,
      prefixes: (entry.getOptionalStringArray('prefixes') ?? []).map(p =>
        checkSourcePrefix(p, `bedrockModels.sources[${i}].prefixes`),
      ),
      owners: (entry.getOptionalConfigArray('owners') ?? []).map(
        (owner, j) => ({
          owner: owner.getString('owner'),
          prefixes: owner
            .getStringArray('prefixes')
            .map(p =>
              checkSourcePrefix(
                p,
                `bedrockModels.sources[${i}].owners[${j}].prefixes`,
              ),
            ),
        }),
      ),
    };
  });
}

/** Reads `bedrockModels.approvals`: which moves need whose approval, and for how long a request stays open. */
function readApprovalRules(
  section: Config | undefined,
  aliases: string[],
  classifications: string[],
): ApprovalRule[] {
  const defaultExpiry = section?.getOptionalNumber('expiryHours') ?? 24;
  return (section?.getOptionalConfigArray('rules') ?? []).map((rule, i) => {
    const where = `bedrockModels.approvals.rules[${i}]`;
    const ruleAliases = rule.getOptionalStringArray('aliases') ?? [];
    const ruleClasses = rule.getOptionalStringArray('classifications') ?? [];
    const unknown = [
      ...ruleAliases.filter(a => !aliases.includes(a)),
      ...ruleClasses.filter(c => !classifications.includes(c)),
    ];
    if (unknown.length > 0) {
      throw new Error(
        `${where}: ${unknown.join(
          ', ',
        )} is not a configured alias or classification`,
      );
    }
    const approvals = rule.getOptionalNumber('approvals') ?? 1;
    const approvers = rule.getOptionalStringArray('approvers') ?? [
      MODEL_OWNERS,
    ];
    const expiryHours = rule.getOptionalNumber('expiryHours') ?? defaultExpiry;
    if (!Number.isInteger(approvals) || approvals < 1) {
      throw new Error(
        `${where}.approvals must be a whole number of at least 1`,
      );
    }
    if (approvers.length === 0) {
      throw new Error(`${where}.approvers must name "owners" or groups`);
    }
    if (!(expiryHours > 0)) {
      throw new Error(
        `${where}.expiryHours must be a positive number of hours`,
      );
    }
    return {
      aliases: ruleAliases,
      classifications: ruleClasses,
      approvals,
      approvers,
      allowEmergencyRollback:
        rule.getOptionalBoolean('allowEmergencyRollback') ?? true,
      expiryHours,
    };
  });
}

/** Reads `bedrockModels.evaluationGates`: per alias, whether evaluations block, warn or are ignored. */
function readEvaluationGates(
  entries: Config[],
  aliases: string[],
): EvaluationGate[] {
  return entries.map((entry, i) => {
    const alias = entry.getString('alias');
    const mode = entry.getOptionalString('mode') ?? 'block';
    const minPassRate = entry.getOptionalNumber('minPassRate') ?? 1;
    if (!aliases.includes(alias)) {
      throw new Error(
        `bedrockModels.evaluationGates[${i}].alias: ${alias} is not a configured alias`,
      );
    }
    if (mode !== 'block' && mode !== 'warn' && mode !== 'ignore') {
      throw new Error(
        `bedrockModels.evaluationGates[${i}].mode must be block, warn or ignore`,
      );
    }
    if (!(minPassRate >= 0 && minPassRate <= 1)) {
      throw new Error(
        `bedrockModels.evaluationGates[${i}].minPassRate must be between 0 and 1`,
      );
    }
    return { alias, mode, minPassRate };
  });
}

/** Reads prices per Region; a Region without a price gets no cost figure rather than a made-up one. */
function readPricing(pricing: Config | undefined): RegistryConfig['pricing'] {
  const perRegion = (key: string): Record<string, number> => {
    const section = pricing?.getOptionalConfig(key);
    const values: Record<string, number> = {};
    for (const region of section?.keys() ?? []) {
      const value = section!.getNumber(region);
      if (!(value >= 0)) {
        throw new Error(
          `bedrockModels.pricing.${key}.${region} must be a price of 0 or more`,
        );
      }
      values[region] = value;
    }
    return values;
  };
  return {
    currency: pricing?.getOptionalString('currency') ?? 'USD',
    cmuMinute: perRegion('cmuMinute'),
    storageCmuMonth: pricing?.getOptionalNumber('storageCmuMonth') ?? 0,
    alwaysOnHourly: perRegion('alwaysOnHourly'),
    source:
      pricing?.getOptionalString('source') ??
      'bedrockModels.pricing in app-config (no prices configured)',
  };
}

/** Reads `bedrockModels.keepWarm`: how heartbeats are timed against the eviction of idle copies. */
function readKeepWarm(section: Config | undefined): RegistryConfig['keepWarm'] {
  const minutes = (key: string, fallback: number, min: number) => {
    const value = section?.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(value) || value < min) {
      throw new Error(
        `bedrockModels.keepWarm.${key} must be a whole number of minutes from ${min}`,
      );
    }
    return value;
  };
  const evictionMinutes = minutes('evictionMinutes', 60, 2);
  const defaultIntervalMinutes = minutes('defaultIntervalMinutes', 14, 1);
  if (defaultIntervalMinutes >= evictionMinutes) {
    throw new Error(
      `bedrockModels.keepWarm.defaultIntervalMinutes (${defaultIntervalMinutes}) must be shorter than evictionMinutes (${evictionMinutes}): a copy idle that long is evicted between two heartbeats`,
    );
  }
  const threshold =
    section?.getOptionalNumber('coldStartThresholdSeconds') ?? 15;
  if (!(threshold > 0)) {
    throw new Error(
      'bedrockModels.keepWarm.coldStartThresholdSeconds must be a positive number of seconds',
    );
  }
  return {
    evictionMinutes,
    leadMinutes: minutes('leadMinutes', 10, 0),
    defaultIntervalMinutes,
    coldStartThresholdMs: threshold * 1000,
  };
}

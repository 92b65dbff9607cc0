import { EmulatorContext } from './EmulatorService';

/** A Bedrock quota the emulator knows and enforces. */
export type BedrockQuota = {
  code: string;
  name: string;
  description: string;
  adjustable: boolean;
  /** AWS's default for a new account. */
  defaultValue: number;
  /** The option that sets the applied value in this emulator. */
  optionKey: 'importedModelsPerRegion' | 'concurrentImportJobs';
};

/** The Custom Model Import quotas (Service Quotas service code `bedrock`). */
export const BEDROCK_QUOTAS: BedrockQuota[] = [
  {
    code: 'L-45B04988',
    name: 'Imported models per account',
    description:
      'The maximum number of imported models in this account in the current Region.',
    adjustable: true,
    defaultValue: 3,
    optionKey: 'importedModelsPerRegion',
  },
  {
    code: 'L-5F098EFA',
    name: 'Concurrent model import jobs',
    description:
      'The maximum number of model import jobs that can run at once in this account in the current Region.',
    adjustable: true,
    defaultValue: 1,
    optionKey: 'concurrentImportJobs',
  },
];

/** Per account and Region: applied values that differ from the emulator's options. */
export type QuotaData = { applied: Record<string, number> };

/** The regional slot of the quota data (service `servicequotas`). */
export function quotaData(
  context: EmulatorContext,
  accountId: string,
  region: string,
): QuotaData {
  return context.state.regional<QuotaData>(
    'servicequotas',
    accountId,
    region,
    () => ({ applied: {} }),
  );
}

/** The applied value of a Bedrock quota in one account and Region. */
export function appliedQuotaValue(
  context: EmulatorContext,
  accountId: string,
  region: string,
  code: string,
): number {
  const quota = BEDROCK_QUOTAS.find(q => q.code === code);
  if (!quota) {
    throw new Error(`Unknown Bedrock quota ${code}`);
  }
  return (
    quotaData(context, accountId, region).applied[code] ??
    context.options.quotas[quota.optionKey]
  );
}

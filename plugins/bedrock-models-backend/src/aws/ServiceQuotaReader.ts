import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
} from '@aws-sdk/client-service-quotas';
import { IMPORT_QUOTA_CODES } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { AwsClients } from './AwsClients';

/** The applied limits of the Custom Model Import quotas in one account and Region. */
export type ImportQuotaLimits = {
  importedModels?: number;
  concurrentImportJobs?: number;
  /** When they were read; undefined when they could not be. */
  readAt?: Date;
  /** Why a limit is missing. */
  problem?: string;
};

const CACHE_MILLIS = 60 * 60 * 1000;
const FAILURE_CACHE_MILLIS = 60 * 1000;

/**
 * Reads the Custom Model Import quota limits from Service Quotas, caching them for an hour:
 * limits change only when someone requests an increase.
 */
export class ServiceQuotaReader {
  private readonly cache = new Map<
    string,
    {
      entry: { value?: number; readAt?: Date; problem?: string };
      at: Date;
      ttl: number;
    }
  >();

  constructor(
    private readonly clients: AwsClients,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async limits(accountId: string, region: string): Promise<ImportQuotaLimits> {
    // Each quota is read and cached on its own: one unreadable quota must not hide the other.
    const [importedModels, concurrentImportJobs] = await Promise.all([
      this.cachedValue(accountId, region, IMPORT_QUOTA_CODES.importedModels),
      this.cachedValue(
        accountId,
        region,
        IMPORT_QUOTA_CODES.concurrentImportJobs,
      ),
    ]);
    const problems = [importedModels.problem, concurrentImportJobs.problem]
      .filter(Boolean)
      .join(' ');
    const readTimes = [importedModels.readAt, concurrentImportJobs.readAt]
      .filter((t): t is Date => t !== undefined)
      .map(t => t.getTime());
    return {
      importedModels: importedModels.value,
      concurrentImportJobs: concurrentImportJobs.value,
      readAt: readTimes.length ? new Date(Math.min(...readTimes)) : undefined,
      problem: problems || undefined,
    };
  }

  private async cachedValue(
    accountId: string,
    region: string,
    quotaCode: string,
  ): Promise<{ value?: number; readAt?: Date; problem?: string }> {
    const key = `${accountId}|${region}|${quotaCode}`;
    const now = this.now().getTime();
    const cached = this.cache.get(key);
    if (cached && now - cached.at.getTime() < cached.ttl) return cached.entry;
    try {
      const value = await this.quotaValue(accountId, region, quotaCode);
      const entry = { value, readAt: this.now() };
      this.cache.set(key, { entry, at: this.now(), ttl: CACHE_MILLIS });
      return entry;
    } catch (error) {
      // Remembered briefly, so a broken quota is not asked about on every validation.
      const entry = {
        problem: `Service Quotas could not read ${quotaCode} in ${region}: ${
          (error as Error).message
        }`,
      };
      this.cache.set(key, { entry, at: this.now(), ttl: FAILURE_CACHE_MILLIS });
      return entry;
    }
  }

  /** The applied value, or AWS's default where the account never changed it. */
  private async quotaValue(
    accountId: string,
    region: string,
    quotaCode: string,
  ): Promise<number | undefined> {
    const client = await this.clients.serviceQuotas(accountId, region);
    try {
      const applied = await client.send(
        new GetServiceQuotaCommand({
          ServiceCode: 'bedrock',
          QuotaCode: quotaCode,
        }),
      );
      return applied.Quota?.Value;
    } catch (error) {
      if ((error as Error).name !== 'NoSuchResourceException') throw error;
      const fallback = await client.send(
        new GetAWSDefaultServiceQuotaCommand({
          ServiceCode: 'bedrock',
          QuotaCode: quotaCode,
        }),
      );
      return fallback.Quota?.Value;
    }
  }
}

import {
  IMPORT_QUOTA_CODES,
  QuotaReport,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { ServiceQuotaReader } from '../aws/ServiceQuotaReader';
import { DiscoveryStateStore } from '../database/DiscoveryStateStore';
import { ModelStore } from '../database/ModelStore';

/**
 * Custom Model Import quotas in one account and Region: limits from Service Quotas (cached for an
 * hour), use from the registry, which knows every imported model (managed or discovered), the portal's
 * running jobs, and the jobs started outside the portal that discovery last saw running.
 */
export class QuotaService {
  constructor(
    private readonly deps: {
      reader: ServiceQuotaReader;
      models: ModelStore;
      discovery: DiscoveryStateStore;
    },
  ) {}

  async report(accountId: string, region: string): Promise<QuotaReport> {
    const [limits, models, jobs, discovered] = await Promise.all([
      this.deps.reader.limits(accountId, region),
      // An import in progress takes its slot as soon as it completes, so it counts already.
      this.deps.models.countVersions(accountId, region, ['ready', 'importing']),
      this.deps.models.countVersions(accountId, region, ['importing'], {
        withJob: true,
      }),
      this.deps.discovery.state(accountId, region),
    ]);
    const outsideJobs = discovered?.outsideJobsInProgress ?? 0;
    const outsideNote =
      outsideJobs > 0
        ? `Includes ${outsideJobs} job${
            outsideJobs === 1 ? '' : 's'
          } started outside the portal, running when discovery last looked (${
            discovered!.lastSuccessAt
          }).`
        : undefined;
    return {
      accountId,
      region,
      importedModels: {
        quotaCode: IMPORT_QUOTA_CODES.importedModels,
        name: 'Imported models per account',
        used: models,
        limit: limits.importedModels,
        note: limits.problem,
      },
      concurrentImportJobs: {
        quotaCode: IMPORT_QUOTA_CODES.concurrentImportJobs,
        name: 'Concurrent model import jobs',
        used: jobs + outsideJobs,
        limit: limits.concurrentImportJobs,
        note:
          [limits.problem, outsideNote].filter(Boolean).join(' ') || undefined,
      },
      limitsReadAt: limits.readAt?.toISOString(),
    };
  }
}

import {
  ModelVersion,
  windowCmuMinutes,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { ModelCopyMetrics } from '../aws/ModelCopyMetrics';
import { RegistryConfig } from '../config/readRegistryConfig';
import { CostEstimateStore, UsageReading } from '../database/CostEstimateStore';
import { ModelStore } from '../database/ModelStore';
import { groupByTarget } from './CostService';
import { ErrorReporter } from './ErrorReporter';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Estimates are read from CloudWatch at most this often, across replicas. */
export const ESTIMATE_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Monthly cost estimates of live versions: the last 30 days of compute from CloudWatch ModelCopy plus a
 * month of storage, and the invocations of those days (read in few batched calls, at most hourly, and
 * kept in the database for every replica).
 */
export class CostEstimates {
  constructor(
    private readonly deps: {
      metrics: ModelCopyMetrics;
      models: ModelStore;
      costs: CostEstimateStore;
      errors: ErrorReporter;
      config: RegistryConfig;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * Reads CloudWatch again where any live version's estimate is missing or older than an hour. Answers
   * what could not be read and, then, since when the figures shown are old.
   */
  async refreshStale(
    maxAgeMs = ESTIMATE_MAX_AGE_MS,
  ): Promise<{ errors: string[]; staleSince?: Date }> {
    const since = new Date(this.now().getTime() - maxAgeMs);
    const targets = await this.deps.costs.staleTargets(since);
    const errors: string[] = [];
    for (const { accountId, region } of targets) {
      const versions = await this.deps.models.versionsIn(accountId, region);
      const result = await this.monthlyEstimates(versions);
      errors.push(...result.errors);
    }
    return {
      errors,
      staleSince:
        errors.length > 0 ? await this.deps.costs.oldestReadAt() : undefined,
    };
  }

  /**
   * Estimated monthly cost of live versions: the last 30 days' compute (daily averages of copies,
   * read in few batched calls and cached for an hour) plus a month of storage. When CloudWatch cannot
   * be read, the last good figures are used and `staleSince` says from when.
   */
  async monthlyEstimates(versions: ModelVersion[]): Promise<{
    byVersion: Map<ModelVersion, number | undefined>;
    staleSince?: Date;
    errors: string[];
  }> {
    const { config, metrics } = this.deps;
    const now = this.now();
    const byVersion = new Map<ModelVersion, number | undefined>();
    const errors: string[] = [];
    let staleSince: Date | undefined;
    const live = versions.filter(
      v => v.status === 'ready' && v.importedModelArn,
    );
    for (const group of groupByTarget(live)) {
      const { accountId, region } = group.target;
      const arns = group.versions.map(v => v.importedModelArn!);
      // The last figures read by any replica, kept in the database: CloudWatch is read at most hourly.
      const stored = await this.deps.costs.estimates(accountId, region);
      const fresh = arns.every(arn => {
        const estimate = stored.get(arn);
        return (
          estimate !== undefined &&
          now.getTime() - estimate.readAt.getTime() <= ESTIMATE_MAX_AGE_MS
        );
      });
      let computeByArn = new Map<string, number | undefined>(
        [...stored].map(([arn, estimate]) => [arn, estimate.compute]),
      );
      if (!fresh) {
        const from = new Date(now.getTime() - 30 * DAY_MS);
        const samples = await metrics
          .usage(group.target, arns, from, now)
          .catch((error: unknown) => {
            errors.push(
              `CloudWatch in ${region}: ${this.deps.errors.summarize(
                error,
                'GetMetricData for estimates',
              )}`,
            );
            return undefined;
          });
        if (samples) {
          const readings = new Map<string, UsageReading>();
          for (const version of group.versions) {
            const usage = samples.get(version.importedModelArn!);
            const copyMinutes = (usage?.copies ?? []).reduce(
              (sum, sample) => sum + windowCmuMinutes(sample.copies, 1),
              0,
            );
            const price = config.pricing.cmuMinute[version.region];
            const invocations = usage?.invocations ?? [];
            readings.set(version.importedModelArn!, {
              compute:
                price !== undefined && version.cmusPerCopy !== undefined
                  ? copyMinutes * version.cmusPerCopy * price
                  : undefined,
              invocations30d: invocations.reduce((n, i) => n + i.count, 0),
              lastInvokedAt: invocations.reduce<Date | undefined>(
                (last, i) => (!last || i.at > last ? i.at : last),
                undefined,
              ),
            });
          }
          computeByArn = new Map(
            [...readings].map(([arn, reading]) => [arn, reading.compute]),
          );
          await this.deps.costs.save(accountId, region, now, readings);
        } else {
          // The last good figures stand in, and say from when they are.
          for (const arn of arns) {
            const readAt = stored.get(arn)?.readAt;
            if (readAt && (!staleSince || readAt < staleSince)) {
              staleSince = readAt;
            }
          }
        }
      }
      for (const version of group.versions) {
        const compute = computeByArn.get(version.importedModelArn!);
        byVersion.set(
          version,
          compute === undefined
            ? undefined
            : compute +
                (version.cmusPerCopy ?? 0) * config.pricing.storageCmuMonth,
        );
      }
    }
    for (const version of versions) {
      if (!byVersion.has(version)) {
        byVersion.set(
          version,
          ['retired', 'deleted', 'failed'].includes(version.status)
            ? 0
            : undefined,
        );
      }
    }
    return { byVersion, staleSince, errors };
  }
}

import {
  DailyCost,
  ModelCostReport,
  ModelVersion,
  monthlyProjection,
  storageCost,
  VersionCost,
  windowCmuMinutes,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CopySample, ModelCopyMetrics } from '../aws/ModelCopyMetrics';
import { RegistryConfig } from '../config/readRegistryConfig';
import { ModelStore } from '../database/ModelStore';
import { ErrorReporter } from './ErrorReporter';

const DAY_MS = 24 * 60 * 60 * 1000;
/** CloudWatch keeps 5-minute data for 63 days; older windows are read hourly. */
const FIVE_MINUTE_RETENTION_MS = 63 * DAY_MS;

const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The time a version existed (was stored in Bedrock) within [from, to). */
function storedSpan(version: ModelVersion, from: number, to: number) {
  if (!version.importedModelArn) return undefined;
  const start = Math.max(Date.parse(version.createdAt), from);
  const gone = ['retired', 'deleted'].includes(version.status)
    ? Date.parse(version.updatedAt)
    : to;
  const end = Math.min(gone, to);
  return end > start ? { start, end } : undefined;
}

/**
 * Cost of imported models: compute from CloudWatch ModelCopy (copies running per 5-minute window) x CMUs
 * per copy x the configured price per CMU-minute of the Region, plus storage per CMU-month.
 */
export class CostService {
  constructor(
    private readonly deps: {
      metrics: ModelCopyMetrics;
      models: ModelStore;
      errors: ErrorReporter;
      config: RegistryConfig;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /** Cost per version and day of one model over [from, to). */
  async modelCost(
    modelName: string,
    from: Date,
    to: Date,
  ): Promise<ModelCostReport> {
    const { models, config, metrics } = this.deps;
    const model = await models.getModel(modelName);
    if (!model)
      throw new NotFoundError(`There is no model named ${modelName}.`);
    const versions = (await models.listVersions(modelName)).filter(v =>
      storedSpan(v, from.getTime(), to.getTime()),
    );
    if (this.now().getTime() - from.getTime() > FIVE_MINUTE_RETENTION_MS) {
      throw new InputError(
        `from must be within the last 63 days: CloudWatch keeps the 5-minute ModelCopy windows cost is computed from for 63 days.`,
      );
    }
    // Nothing is charged ahead of time: a period reaching into the future ends now.
    const until = new Date(Math.min(to.getTime(), this.now().getTime()));

    const samplesByArn = new Map<string, CopySample[]>();
    for (const group of groupByTarget(versions)) {
      const samples = await metrics
        .copies(
          group.target,
          group.versions.map(v => v.importedModelArn!),
          from,
          until,
        )
        .catch(error => {
          throw new ServiceUnavailableError(
            `CloudWatch could not be read in ${
              group.target.region
            } (${this.deps.errors.summarize(
              error,
              'GetMetricData for cost',
            )}). Try again.`,
          );
        });
      samples.forEach((list, arn) => samplesByArn.set(arn, list));
    }

    const results: VersionCost[] = versions.map(version =>
      this.versionCost(
        version,
        samplesByArn.get(version.importedModelArn!) ?? [],
        from.getTime(),
        until.getTime(),
      ),
    );
    const byRegion: Record<string, number> = {};
    let compute = 0;
    let storage = 0;
    for (const v of results) {
      compute += v.compute;
      storage += v.storage;
      byRegion[v.region] = (byRegion[v.region] ?? 0) + v.total;
    }
    const periodDays = (to.getTime() - from.getTime()) / DAY_MS;
    return {
      modelName,
      owner: model.owner,
      from: from.toISOString(),
      to: to.toISOString(),
      versions: results,
      totals: { compute, storage, total: compute + storage, byRegion },
      monthlyProjection: monthlyProjection(compute + storage, periodDays),
      prices: {
        currency: config.pricing.currency,
        cmuMinute: config.pricing.cmuMinute,
        storageCmuMonth: config.pricing.storageCmuMonth,
        source: config.pricing.source,
      },
    };
  }

  private versionCost(
    version: ModelVersion,
    samples: CopySample[],
    from: number,
    to: number,
  ): VersionCost {
    const { pricing } = this.deps.config;
    const notes: string[] = [];
    const cmus = version.cmusPerCopy;
    const price = pricing.cmuMinute[version.region];
    if (cmus === undefined) notes.push('CMUs per copy are not known yet.');
    if (price === undefined) {
      notes.push(
        `No price per CMU-minute is configured for ${version.region} (bedrockModels.pricing.cmuMinute).`,
      );
    }
    const days = new Map<string, DailyCost>();
    const day = (key: string) => {
      let entry = days.get(key);
      if (!entry) {
        entry = { day: key, cmuMinutes: 0, compute: 0, storage: 0 };
        days.set(key, entry);
      }
      return entry;
    };
    for (const sample of samples) {
      const minutes = windowCmuMinutes(sample.copies, cmus ?? 0);
      const entry = day(dayOf(sample.at.getTime()));
      entry.cmuMinutes += minutes;
      entry.compute += minutes * (price ?? 0);
    }
    const span = storedSpan(version, from, to);
    if (span && cmus !== undefined) {
      // Storage accrues per day the model was kept, pro rata for partial days.
      for (let t = span.start; t < span.end; ) {
        const dayStart = Math.floor(t / DAY_MS) * DAY_MS;
        const end = Math.min(dayStart + DAY_MS, span.end);
        day(dayOf(t)).storage += storageCost(
          cmus,
          pricing.storageCmuMonth,
          (end - t) / DAY_MS,
        );
        t = end;
      }
    }
    const list = [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
    const compute = list.reduce((sum, d) => sum + d.compute, 0);
    const storage = list.reduce((sum, d) => sum + d.storage, 0);
    return {
      version: version.number,
      region: version.region,
      accountId: version.accountId,
      importedModelArn: version.importedModelArn,
      cmusPerCopy: cmus,
      days: list,
      compute,
      storage,
      total: compute + storage,
      notes,
    };
  }
}

/** Versions grouped by the account and Region their metrics live in. */
export function groupByTarget(versions: ModelVersion[]) {
  const groups = new Map<
    string,
    { target: { accountId: string; region: string }; versions: ModelVersion[] }
  >();
  for (const version of versions) {
    if (!version.importedModelArn) continue;
    const key = `${version.accountId}|${version.region}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        target: { accountId: version.accountId, region: version.region },
        versions: [],
      };
      groups.set(key, group);
    }
    group.versions.push(version);
  }
  return [...groups.values()];
}

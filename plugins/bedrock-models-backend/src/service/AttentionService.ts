import {
  AttentionItem,
  AttentionSummary,
  costShare,
  quotaNearlyFull,
  ReportFilters,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { RegistryConfig } from '../config/readRegistryConfig';
import { CostEstimates } from './CostEstimates';
import { ErrorReporter } from './ErrorReporter';
import { GovernanceReportService } from './GovernanceReportService';
import { QuotaService } from './QuotaService';

/** One question a reviewer asks, as the report filters that answer it. */
type Question = {
  kind: AttentionItem['kind'];
  filters: ReportFilters;
  title: (count: number, idleDays: number) => string;
};

const versions = (n: number) => `${n} version${n === 1 ? '' : 's'}`;
/** The verb's form for `n` versions: `one` for a single version, else `many`. */
const verb = (n: number, one: string, many: string) => (n === 1 ? one : many);

const QUESTIONS: Question[] = [
  {
    kind: 'unnamed-cost',
    filters: { status: 'ready', named: 'unnamed' },
    title: n =>
      `${versions(n)} ${verb(
        n,
        'costs',
        'cost',
      )} money but no pointer names ${verb(n, 'it', 'them')}`,
  },
  {
    kind: 'unmanaged',
    filters: { status: 'ready', managed: 'unmanaged' },
    title: n =>
      `${versions(n)} ${verb(n, 'was', 'were')} imported outside the portal`,
  },
  {
    kind: 'not-invoked',
    filters: {},
    title: (n, days) => `${versions(n)} had no calls in ${days} days`,
  },
  {
    kind: 'residency',
    filters: { residency: 'violates' },
    title: n =>
      `${versions(n)} ${verb(n, 'sits', 'sit')} in a Region ${verb(
        n,
        'its',
        'their',
      )} classification may not be in`,
  },
  {
    kind: 'publishing',
    filters: { publishing: 'failing' },
    title: n =>
      `${versions(n)} ${verb(
        n,
        'is',
        'are',
      )} named by a pointer whose SSM parameter is not published`,
  },
];

/** The report's query parameters for filters (as the governance page links them). */
function asQuery(filters: ReportFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined) {
      query[key === 'accountId' ? 'account' : key] = String(value);
    }
  }
  return query;
}

/**
 * What a governance reviewer should look at, each answer counted and costed by the governance report
 * itself (the same SQL and estimates), with the report filters that list it; and import quotas nearly
 * gone in any configured account and Region.
 */
export class AttentionService {
  constructor(
    private readonly deps: {
      report: GovernanceReportService;
      estimates: CostEstimates;
      quotas: QuotaService;
      errors: ErrorReporter;
      config: RegistryConfig;
    },
  ) {}

  async summary(idleDays: number): Promise<AttentionSummary> {
    const freshness = await this.deps.estimates.refreshStale();
    const { report } = this.deps;
    const [all, ...answers] = await Promise.all([
      report.totals({}),
      ...QUESTIONS.map(q =>
        report.totals(q.kind === 'not-invoked' ? { idleDays } : q.filters),
      ),
    ]);
    const totalMonthlyCost = all.estimatedMonthlyCost;
    const items: AttentionItem[] = QUESTIONS.map((question, i) => {
      const totals = answers[i];
      const filters =
        question.kind === 'not-invoked' ? { idleDays } : question.filters;
      return {
        kind: question.kind,
        title: question.title(totals.versions, idleDays),
        count: totals.versions,
        estimatedMonthlyCost: totals.estimatedMonthlyCost,
        share: costShare(totals.estimatedMonthlyCost, totalMonthlyCost),
        filters: asQuery(filters),
      };
    }).filter(item => item.count > 0);
    const errors = [...freshness.errors];
    const quota = await this.nearlyFullQuotas(errors);
    if (quota.length > 0) {
      items.push({
        kind: 'quota',
        title: `Imported-model quota nearly gone in ${
          quota.length
        } account-Region pair${quota.length === 1 ? '' : 's'}`,
        count: quota.length,
        filters: {},
        quotas: quota,
      });
    }
    items.sort(
      (a, b) => (b.estimatedMonthlyCost ?? 0) - (a.estimatedMonthlyCost ?? 0),
    );
    return {
      generatedAt: new Date().toISOString(),
      idleDays,
      totalMonthlyCost,
      items,
      awsErrors: errors.length > 0 ? errors : undefined,
    };
  }

  private async nearlyFullQuotas(errors: string[]) {
    const targets = this.deps.config.accounts.flatMap(account =>
      account.regions.map(region => ({ accountId: account.accountId, region })),
    );
    const reports = await Promise.all(
      targets.map(({ accountId, region }) =>
        this.deps.quotas.report(accountId, region).catch((error: unknown) => {
          errors.push(
            `Service Quotas in ${accountId} ${region}: ${this.deps.errors.summarize(
              error,
              'quota report for attention',
            )}`,
          );
          return undefined;
        }),
      ),
    );
    return reports.flatMap(report =>
      report &&
      quotaNearlyFull(report.importedModels.used, report.importedModels.limit)
        ? [
            {
              accountId: report.accountId,
              region: report.region,
              used: report.importedModels.used,
              limit: report.importedModels.limit!,
            },
          ]
        : [],
    );
  }
}

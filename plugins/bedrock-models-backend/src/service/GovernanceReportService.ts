import {
  AliasPointer,
  DiscoverySyncState,
  GovernanceReport,
  GovernanceReportRow,
  matchesReportFilters,
  ReportFilters,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { RegistryConfig } from '../config/readRegistryConfig';
import { DiscoveryStateStore } from '../database/DiscoveryStateStore';
import { ModelStore } from '../database/ModelStore';
import { PointerStore } from '../database/PointerStore';
import { CostService } from './CostService';

/** Every version in every account and Region, with its owner, pointers and estimated monthly cost. */
export class GovernanceReportService {
  constructor(
    private readonly deps: {
      models: ModelStore;
      pointers: PointerStore;
      cost: CostService;
      /** Where discovery's outcome per account and Region is kept. */
      discovery: DiscoveryStateStore;
      config: RegistryConfig;
    },
  ) {}

  /** The report, narrowed to the rows the filters let through (every row without filters). */
  async report(filters: ReportFilters = {}): Promise<GovernanceReport> {
    const [{ models, versions }, pointers] = await Promise.all([
      this.deps.models.allModelsAndVersions(),
      this.deps.pointers.allPointers(),
    ]);
    const modelByName = new Map(models.map(m => [m.name, m]));
    const pointersOf = new Map<string, string[]>();
    // The first configured alias is the one governance calls production.
    const production = new Map<
      string,
      Pick<AliasPointer, 'version' | 'updatedBy' | 'updatedAt'>
    >();
    for (const p of pointers) {
      const key = `${p.modelName}|${p.region}|${p.version}`;
      pointersOf.set(key, [...(pointersOf.get(key) ?? []), p.alias]);
      if (p.alias === this.deps.config.aliases[0]) {
        production.set(`${p.modelName}|${p.region}`, p);
      }
    }
    const [estimates, sync] = await Promise.all([
      this.deps.cost.monthlyEstimates(versions),
      this.syncStates(),
    ]);
    const rows: GovernanceReportRow[] = versions.map(v => {
      const model = modelByName.get(v.modelName)!;
      const serving = production.get(`${v.modelName}|${v.region}`);
      return {
        model: v.modelName,
        owner: model.owner,
        classification: model.classification,
        accountId: v.accountId,
        region: v.region,
        version: v.number,
        status: v.status,
        architecture: v.architecture,
        importedModelArn: v.importedModelArn,
        pointers:
          pointersOf.get(`${v.modelName}|${v.region}|${v.number}`) ?? [],
        createdBy: v.createdBy,
        createdAt: v.createdAt,
        managed: v.managed,
        flag: v.flag,
        productionVersion: serving?.version,
        lastPromotedBy: serving?.updatedBy,
        lastPromotedAt: serving?.updatedAt,
        estimatedMonthlyCost: estimates.byVersion.get(v),
      };
    });
    return {
      generatedAt: new Date().toISOString(),
      rows: rows.filter(row => matchesReportFilters(row, filters)),
      staleSince: estimates.staleSince?.toISOString(),
      awsErrors: estimates.errors.length > 0 ? estimates.errors : undefined,
      lastSyncAt: oldestSuccess(sync, this.targetKeys().size),
      sync,
    };
  }

  /** Discovery's state for the accounts and Regions configured now (not those dropped from config). */
  async syncStates(): Promise<DiscoverySyncState[]> {
    const configured = this.targetKeys();
    return (await this.deps.discovery.states()).filter(state =>
      configured.has(`${state.accountId}|${state.region}`),
    );
  }

  private targetKeys(): Set<string> {
    return new Set(
      this.deps.config.accounts.flatMap(a =>
        a.regions.map(region => `${a.accountId}|${region}`),
      ),
    );
  }
}

/** The inventory is as current as its least current target; unknown until every target has succeeded. */
function oldestSuccess(
  sync: DiscoverySyncState[],
  targets: number,
): string | undefined {
  const successes = sync.flatMap(s =>
    s.lastSuccessAt ? [s.lastSuccessAt] : [],
  );
  if (targets === 0 || successes.length < targets) return undefined;
  return successes.sort()[0];
}

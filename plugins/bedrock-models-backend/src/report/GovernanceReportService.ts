import {
  GovernanceReport,
  GovernanceReportRow,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { CostService } from '../cost/CostService';
import { DatabaseRegistryStore } from '../database/DatabaseRegistryStore';

/** Every version in every account and Region, with its owner, pointers and estimated monthly cost. */
export class GovernanceReportService {
  constructor(
    private readonly deps: {
      store: DatabaseRegistryStore;
      cost: CostService;
      /** When discovery last succeeded everywhere, if it has. */
      lastSyncAt: () => Date | undefined;
    },
  ) {}

  async report(): Promise<GovernanceReport> {
    const { models, versions, pointers } = await this.deps.store.inventory();
    const modelByName = new Map(models.map(m => [m.name, m]));
    const pointersOf = new Map<string, string[]>();
    for (const p of pointers) {
      const key = `${p.modelName}|${p.region}|${p.version}`;
      pointersOf.set(key, [...(pointersOf.get(key) ?? []), p.alias]);
    }
    const estimates = await this.deps.cost.monthlyEstimates(versions);
    const rows: GovernanceReportRow[] = versions.map(v => {
      const model = modelByName.get(v.modelName)!;
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
        estimatedMonthlyCost: estimates.byVersion.get(v),
      };
    });
    return {
      generatedAt: new Date().toISOString(),
      rows,
      staleSince: estimates.staleSince?.toISOString(),
      awsErrors: estimates.errors.length > 0 ? estimates.errors : undefined,
      lastSyncAt: this.deps.lastSyncAt()?.toISOString(),
    };
  }
}

import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ModelVersion } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { ImportedModelSummary } from '@aws-sdk/client-bedrock';
import { BedrockImportApi, ImportedModelFacts } from '../aws/BedrockImportApi';
import { RegistryConfig } from '../config/readRegistryConfig';
import { DiscoveryStateStore } from '../database/DiscoveryStateStore';
import { ImportStore } from '../database/ImportStore';
import { DiscoveredVersion, ModelStore } from '../database/ModelStore';
import { DISCOVERY_ACTOR } from '../service/AuthorizedRegistryService';
import { ErrorReporter } from '../service/ErrorReporter';
import {
  MANAGED_BY_PORTAL,
  PORTAL_TAG_KEYS,
} from '../service/ImportJobStarter';
import { RegistryChanges } from '../service/RegistryChanges';
import {
  isOwnerRef,
  modelNameFromImportedName,
  placeDiscoveredModel,
} from './discoveryNaming';

export { modelNameFromImportedName } from './discoveryNaming';

/** What one reconcile of one account and Region did. */
export type DiscoveryResult = {
  accountId: string;
  region: string;
  listed: number;
  discovered: number;
  deleted: number;
  /** Portal jobs whose create answer was lost, matched back by job name. */
  recoveredJobs: number;
  /** Import jobs in progress that the portal did not start (they use the concurrent-job quota too). */
  outsideJobsInProgress: number;
  error?: string;
};

/** The scheduled task that lists AWS. */
export const DISCOVERY_TASK_ID = 'bedrock-models:discovery';

/** Tags come from anyone with access to the account: larger version numbers are ignored. */
const MAX_TAGGED_VERSION = 1_000_000;

/** How many new imported models are described (GetImportedModel + tags) at once. */
const DESCRIBE_CONCURRENCY = 32;

async function inBatches<T, R>(
  items: T[],
  size: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  }
  return results;
}

/** An imported model described for the first time. */
type Described = {
  summary: ImportedModelSummary;
  facts: ImportedModelFacts;
  tags: Record<string, string>;
};

/**
 * Finds imported models the portal did not import (or lost track of) and marks versions whose imported
 * model is gone. Lists every account and Region; describes an ARN only the first time it is seen, since
 * imported models never change: a steady-state pass makes list calls only.
 */
export class ModelDiscovery {
  constructor(
    private readonly deps: {
      bedrock: BedrockImportApi;
      models: ModelStore;
      imports: ImportStore;
      discovery: DiscoveryStateStore;
      config: RegistryConfig;
      logger: LoggerService;
      changes: RegistryChanges;
      errors: ErrorReporter;
    },
  ) {}

  /** Schedules discovery over every account and Region (one runner across replicas). */
  static async schedule(options: {
    discovery: ModelDiscovery;
    scheduler: SchedulerService;
    config: RegistryConfig;
    logger: LoggerService;
  }): Promise<void> {
    await options.scheduler.scheduleTask({
      id: DISCOVERY_TASK_ID,
      frequency: { minutes: options.config.discovery.frequencyMinutes },
      initialDelay: { seconds: 5 },
      timeout: { minutes: 10 },
      scope: 'global',
      fn: async () => {
        const results = await options.discovery.reconcileAll();
        const found = results.reduce((n, r) => n + r.discovered, 0);
        const gone = results.reduce((n, r) => n + r.deleted, 0);
        if (found + gone > 0) {
          options.logger.info(
            `Discovery: ${found} new version(s), ${gone} gone from AWS`,
          );
        }
      },
    });
  }

  /**
   * Reconciles every configured account and Region, and records each one's outcome in the database so
   * every replica can say how current its inventory is.
   */
  async reconcileAll(): Promise<DiscoveryResult[]> {
    const started = new Date();
    // Regions are independent (their own endpoints and quotas): list and describe them side by side.
    // They record what they found one after another, in the configured order: two imports of one model
    // that claim the same version number (tags, in two Regions) then always leave it to the first
    // configured Region, whichever Region AWS answered first, and two Regions never race to insert
    // the same model or number.
    let previousTurn: Promise<void> = Promise.resolve();
    const results = await Promise.all(
      this.deps.config.accounts.flatMap(account =>
        account.regions.map(region => {
          const turn = previousTurn;
          let done!: () => void;
          previousTurn = new Promise<void>(resolve => {
            done = resolve;
          });
          // One Region failing (AWS or the database) must not stop the others.
          return this.reconcile(account.accountId, region, turn)
            .finally(() => done())
            .catch((error): DiscoveryResult => {
              const message = this.deps.errors.summarize(
                error,
                `Discovery in ${account.accountId}/${region}`,
              );
              return {
                ...emptyResult(account.accountId, region),
                error: message,
              };
            });
        }),
      ),
    );
    for (const result of results) {
      await this.deps.discovery
        .recordPass({
          accountId: result.accountId,
          region: result.region,
          at: started,
          error: result.error,
          outsideJobsInProgress: result.outsideJobsInProgress,
        })
        .catch(error =>
          this.deps.logger.warn(
            `Recording discovery in ${result.accountId}/${result.region} failed: ${error}`,
          ),
        );
    }
    return results;
  }

  /**
   * Reconciles one account and Region. `turn`, when given, is awaited before anything is recorded
   * (`reconcileAll` passes the end of the previous Region's reconcile).
   */
  async reconcile(
    accountId: string,
    region: string,
    turn?: Promise<void>,
  ): Promise<DiscoveryResult> {
    const { bedrock, models, imports } = this.deps;
    const target = { accountId, region };
    const result = emptyResult(accountId, region);
    // Versions that changed after this moment (an import finishing now) are not judged by this listing.
    const listStart = new Date();
    let summaries;
    let jobs;
    try {
      [summaries, jobs] = await Promise.all([
        bedrock.listImportedModels(target),
        bedrock.listImportJobs(target, 'InProgress'),
      ]);
    } catch (error) {
      // A partial listing must not mark anything deleted: skip this Region until the next pass.
      result.error = this.deps.errors.summarize(
        error,
        `Discovery listing ${accountId}/${region}`,
      );
      return result;
    }
    result.listed = summaries.length;
    const known = await models.versionsIn(accountId, region);
    const byArn = new Map(
      known.flatMap(v => (v.importedModelArn ? [[v.importedModelArn, v]] : [])),
    );
    const byJobName = new Map(
      known.flatMap(v => (v.jobName ? [[v.jobName, v]] : [])),
    );

    // A portal import whose CreateModelImportJob answer was lost: its job is running under our name.
    for (const job of jobs) {
      const version = job.jobName ? byJobName.get(job.jobName) : undefined;
      if (!version) result.outsideJobsInProgress += 1;
      if (version && !version.jobArn && job.jobArn) {
        await imports.recordProgress(version.modelName, version.number, {
          jobArn: job.jobArn,
          nextCheckAt: new Date(),
        });
        result.recoveredJobs += 1;
      }
    }

    // Portal imports that completed are recorded by the job tracker; leave those to it.
    const importing = new Set(
      known.filter(v => v.status === 'importing').map(v => v.importedModelName),
    );
    const fresh = summaries.filter(
      s => s.modelArn && !byArn.has(s.modelArn) && !importing.has(s.modelName),
    );
    const described = (
      await inBatches(fresh, DESCRIBE_CONCURRENCY, s =>
        this.describe(target, s),
      )
    ).filter((d): d is Described => d !== undefined);
    await turn;
    const recorded = await models.recordDiscovered(
      await this.place(described, target),
    );
    result.discovered = recorded.length;
    for (const version of recorded) this.announce(version, version.status);

    const listedArns = new Set(summaries.map(s => s.modelArn));
    const gone = known.filter(
      v => v.status === 'ready' && !listedArns.has(v.importedModelArn),
    );
    result.deleted = await models.markDeleted(gone, listStart);
    // Listed again after being marked gone (a listing that lagged): it exists, so it is ready.
    for (const version of known.filter(
      v => v.status === 'deleted' && listedArns.has(v.importedModelArn),
    )) {
      await models.setStatus(version.modelName, version.number, 'ready');
      this.announce(version, 'ready');
    }
    for (const version of gone) this.announce(version, 'deleted');
    return result;
  }

  private announce(version: ModelVersion, status: string) {
    this.deps.changes.announce({
      kind: 'version-changed',
      modelName: version.modelName,
      version: version.number,
      status,
    });
  }

  /** Reads an imported model's facts and tags (once per ARN: imported models never change). */
  private async describe(
    target: { accountId: string; region: string },
    summary: ImportedModelSummary,
  ): Promise<Described | undefined> {
    try {
      const [facts, tags] = await Promise.all([
        this.deps.bedrock.getImportedModel(target, summary.modelArn!),
        this.deps.bedrock.listTags(target, summary.modelArn!),
      ]);
      return { summary, facts, tags };
    } catch (error) {
      // Deleted between the list and the describe, or AWS failing: try again next pass.
      this.deps.errors.summarize(
        error,
        `Discovery describing ${summary.modelArn}`,
      );
      return undefined;
    }
  }

  /** Chooses the model each described import joins (see `placeDiscoveredModel`) and its version. */
  private async place(
    described: Described[],
    target: { accountId: string; region: string },
  ): Promise<DiscoveredVersion[]> {
    const { config } = this.deps;
    const owners = new Map<string, string>();
    // Existing owners of every name an import could take: tagged, its own, or a variant of its own.
    const lookups = new Set<string>();
    for (const d of described) {
      if (d.tags[PORTAL_TAG_KEYS.model])
        lookups.add(d.tags[PORTAL_TAG_KEYS.model]);
      const own = modelNameFromImportedName(
        d.facts.modelName || d.summary.modelName || '',
      );
      lookups.add(own);
      for (let n = 1; n <= 5; n++) {
        lookups.add(`${own}-discovered${n === 1 ? '' : `-${n}`}`);
      }
    }
    const existing = await this.deps.models.getModels([...lookups]);
    existing.forEach(m => m && owners.set(m.name, m.owner));
    return described.map(({ summary, facts, tags }) => {
      const taggedOwner = tags[PORTAL_TAG_KEYS.owner];
      const owner =
        taggedOwner && isOwnerRef(taggedOwner)
          ? taggedOwner
          : config.discovery.defaultOwner;
      const importedName = facts.modelName || summary.modelName!;
      const placement = placeDiscoveredModel({
        taggedModel: tags[PORTAL_TAG_KEYS.model],
        importedName,
        owner,
        ownerOf: name => owners.get(name),
      });
      // A later import in the same pass sees this one's model.
      if (!owners.has(placement.modelName))
        owners.set(placement.modelName, owner);
      const taggedVersion = Number(tags[PORTAL_TAG_KEYS.version]);
      const classification = config.classifications.includes(
        tags[PORTAL_TAG_KEYS.classification],
      )
        ? tags[PORTAL_TAG_KEYS.classification]
        : config.discovery.defaultClassification;
      return {
        model: {
          name: placement.modelName,
          owner,
          classification,
          lineage: {},
          tags: [],
          createdBy: DISCOVERY_ACTOR,
        },
        preferredNumber:
          !placement.flag &&
          Number.isInteger(taggedVersion) &&
          taggedVersion > 0 &&
          taggedVersion <= MAX_TAGGED_VERSION
            ? taggedVersion
            : undefined,
        createdAt: facts.creationTime ?? summary.creationTime ?? new Date(),
        version: {
          modelName: placement.modelName,
          accountId: target.accountId,
          region: target.region,
          status: 'ready',
          importedModelArn: facts.modelArn,
          importedModelName: importedName,
          jobArn: facts.jobArn,
          jobName: facts.jobName,
          s3Uri: facts.s3Uri ?? '',
          architecture: facts.architecture,
          instructSupported: facts.instructSupported,
          cmusPerCopy: facts.cmusPerCopy,
          // Imported by the portal (its tag says so) but unknown here, e.g. a registry restored from an
          // old backup: adopt it as managed, unless its tags were refused. Anything else was by hand.
          managed:
            !placement.flag &&
            tags[PORTAL_TAG_KEYS.managedBy] === MANAGED_BY_PORTAL,
          flag: placement.flag,
          createdBy: DISCOVERY_ACTOR,
        },
      };
    });
  }
}

function emptyResult(accountId: string, region: string): DiscoveryResult {
  return {
    accountId,
    region,
    listed: 0,
    discovered: 0,
    deleted: 0,
    recoveredJobs: 0,
    outsideJobsInProgress: 0,
  };
}

import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  BedrockModelsChangeEvent,
  checkModelName,
  MODEL_NAME_MAX_LENGTH,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { BedrockImportApi } from '../aws/BedrockImportApi';
import { awsErrorMessage } from '../aws/awsErrorKinds';
import { RegistryConfig } from '../config/readRegistryConfig';
import {
  DatabaseImportStore,
  DiscoveredVersion,
} from '../database/DatabaseImportStore';
import {
  MANAGED_BY_PORTAL,
  PORTAL_TAG_KEYS,
} from '../imports/ImportJobStarter';

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

/** Tags come from anyone with access to the account: larger version numbers are ignored. */
const MAX_TAGGED_VERSION = 1_000_000;

/** Whether an owner tag names a Group or User the way the registry stores owners. */
function isOwnerRef(value: string): boolean {
  if (value.length > 255) return false;
  try {
    const ref = parseEntityRef(value);
    return ['group', 'user'].includes(ref.kind.toLowerCase());
  } catch {
    return false;
  }
}

/** How many new imported models are described (GetImportedModel + tags) at once. */
const DESCRIBE_CONCURRENCY = 32;

/** Turns an imported-model name such as `Legacy_FAQ-bot-v3` into a registry model name. */
export function modelNameFromImportedName(importedName: string): string {
  const base = importedName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/-v\d+$/, '')
    .replace(/^-+|-+$/g, '')
    .slice(0, MODEL_NAME_MAX_LENGTH)
    .replace(/-+$/, '');
  return checkModelName(base).length === 0 ? base : 'discovered-model';
}

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

/**
 * Finds imported models the portal did not import (or lost track of) and marks versions whose imported
 * model is gone. Lists every account and Region; describes an ARN only the first time it is seen, since
 * imported models never change: a steady-state pass makes list calls only.
 */
export class ModelDiscovery {
  constructor(
    private readonly deps: {
      bedrock: BedrockImportApi;
      importStore: DatabaseImportStore;
      config: RegistryConfig;
      logger: LoggerService;
      onChange?: (event: BedrockModelsChangeEvent) => void;
    },
  ) {}

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
              this.deps.logger.warn(
                `Discovery in ${account.accountId}/${region} failed: ${error}`,
              );
              return {
                accountId: account.accountId,
                region,
                listed: 0,
                discovered: 0,
                deleted: 0,
                recoveredJobs: 0,
                outsideJobsInProgress: 0,
                error: String(error),
              };
            });
        }),
      ),
    );
    for (const result of results) {
      await this.deps.importStore
        .recordDiscoveryPass({
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
    const { bedrock, importStore, config, logger } = this.deps;
    const target = { accountId, region };
    const result: DiscoveryResult = {
      accountId,
      region,
      listed: 0,
      discovered: 0,
      deleted: 0,
      recoveredJobs: 0,
      outsideJobsInProgress: 0,
    };
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
      result.error = awsErrorMessage(error);
      logger.warn(`Discovery in ${accountId}/${region}: ${result.error}`);
      return result;
    }
    result.listed = summaries.length;
    const known = await importStore.knownVersions(accountId, region);

    // A portal import whose CreateModelImportJob answer was lost: its job is running under our name.
    for (const job of jobs) {
      const version = job.jobName
        ? known.byJobName.get(job.jobName)
        : undefined;
      if (!version) result.outsideJobsInProgress += 1;
      if (version && !version.jobArn && job.jobArn) {
        await importStore.recordProgress(version.modelName, version.number, {
          jobArn: job.jobArn,
          nextCheckAt: new Date(),
        });
        result.recoveredJobs += 1;
      }
    }

    const unknown = summaries.filter(
      s => s.modelArn && !known.byArn.has(s.modelArn),
    );
    // Portal imports that completed are recorded by the job tracker; leave those to it.
    const importing = new Set(
      [...known.byJobName.values()]
        .filter(v => v.status === 'importing')
        .map(v => v.importedModelName),
    );
    const fresh = unknown.filter(s => !importing.has(s.modelName));
    const discovered = await inBatches(
      fresh,
      DESCRIBE_CONCURRENCY,
      async (summary): Promise<DiscoveredVersion | undefined> => {
        try {
          const [facts, tags] = await Promise.all([
            bedrock.getImportedModel(target, summary.modelArn!),
            bedrock.listTags(target, summary.modelArn!),
          ]);
          const taggedModel = tags[PORTAL_TAG_KEYS.model];
          const modelName =
            taggedModel && checkModelName(taggedModel).length === 0
              ? taggedModel
              : modelNameFromImportedName(
                  facts.modelName || summary.modelName!,
                );
          const classification = config.classifications.includes(
            tags[PORTAL_TAG_KEYS.classification],
          )
            ? tags[PORTAL_TAG_KEYS.classification]
            : config.discovery.defaultClassification;
          const taggedVersion = Number(tags[PORTAL_TAG_KEYS.version]);
          const taggedOwner = tags[PORTAL_TAG_KEYS.owner];
          return {
            model: {
              name: modelName,
              owner:
                taggedOwner && isOwnerRef(taggedOwner)
                  ? taggedOwner
                  : config.discovery.defaultOwner,
              classification,
              lineage: {},
              tags: [],
              createdBy: 'bedrock-models:discovery',
            },
            preferredNumber:
              Number.isInteger(taggedVersion) &&
              taggedVersion > 0 &&
              taggedVersion <= MAX_TAGGED_VERSION
                ? taggedVersion
                : undefined,
            createdAt: facts.creationTime ?? summary.creationTime ?? new Date(),
            version: {
              modelName,
              accountId,
              region,
              status: 'ready',
              importedModelArn: facts.modelArn,
              importedModelName: facts.modelName || summary.modelName!,
              jobArn: facts.jobArn,
              jobName: facts.jobName,
              s3Uri: facts.s3Uri ?? '',
              architecture: facts.architecture,
              instructSupported: facts.instructSupported,
              cmusPerCopy: facts.cmusPerCopy,
              // Imported by the portal (its tag says so) but unknown here, e.g. a registry restored
              // from an old backup: adopt it as managed. Anything else was imported by hand.
              managed: tags[PORTAL_TAG_KEYS.managedBy] === MANAGED_BY_PORTAL,
              createdBy: 'bedrock-models:discovery',
            },
          };
        } catch (error) {
          // Deleted between the list and the describe, or AWS failing: try again next pass.
          logger.warn(
            `Discovery could not describe ${
              summary.modelArn
            }: ${awsErrorMessage(error)}`,
          );
          return undefined;
        }
      },
    );
    const toRecord = discovered.filter(
      (d): d is DiscoveredVersion => d !== undefined,
    );
    await turn;
    const recorded = await importStore.recordDiscovered(toRecord);
    result.discovered = recorded.length;
    for (const version of recorded) {
      this.deps.onChange?.({
        kind: 'version-changed',
        modelName: version.modelName,
        version: version.number,
        status: version.status,
      });
    }

    const listedArns = new Set(summaries.map(s => s.modelArn));
    const gone = [...known.byArn.values()].filter(
      v => v.status === 'ready' && !listedArns.has(v.importedModelArn),
    );
    result.deleted = await importStore.markDeleted(gone, listStart);
    // Listed again after being marked gone (a listing that lagged): it exists, so it is ready.
    const back = [...known.byArn.values()].filter(
      v => v.status === 'deleted' && listedArns.has(v.importedModelArn),
    );
    for (const version of back) {
      await importStore.recordProgress(version.modelName, version.number, {
        status: 'ready',
      });
      this.deps.onChange?.({
        kind: 'version-changed',
        modelName: version.modelName,
        version: version.number,
        status: 'ready',
      });
    }
    for (const version of gone) {
      this.deps.onChange?.({
        kind: 'version-changed',
        modelName: version.modelName,
        version: version.number,
        status: 'deleted',
      });
    }
    return result;
  }
}

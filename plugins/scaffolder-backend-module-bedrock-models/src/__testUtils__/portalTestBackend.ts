import { resolve as resolvePath } from 'node:path';
import {
  BackendFeature,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
// The integration test runs the real backend plugin next to this module, as the portal does.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import bedrockModelsBackend from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import { RunningEmulator } from '@bedrock-portal/bedrock-emulator';
import { scaffolderModuleBedrockModels } from '../module';
import { fileDatabases } from './fileDatabases';

/** The account the portal manages in these tests (the emulator's default account). */
export const PORTAL_ACCOUNT = '123456789012';

/** The scheduled task of the bedrock-models backend that follows import jobs. */
const TRACKER_TASK_ID = 'bedrock-models:import-tracker';
/** The scheduled task of the bedrock-models backend that carries out queued evaluation runs. */
const EVALUATION_RUNNER_TASK_ID = 'bedrock-models:evaluation-runner';

const repositoryRoot = resolvePath(__dirname, '../../../..');

/** The files the portal's catalog reads: the demo org (the owners) and the import template. */
export const CATALOG_FILES = {
  org: resolvePath(repositoryRoot, 'examples/org.yaml'),
  template: resolvePath(
    repositoryRoot,
    'examples/templates/import-bedrock-model/template.yaml',
  ),
};

// The mock scheduler runs tasks only when triggered; its declared type (SchedulerService) omits the
// factory that installs it in a backend.
type DrivenScheduler = SchedulerService & {
  factory(options?: {
    skipTaskRunOnStartup?: boolean;
  }): ServiceFactory<SchedulerService, 'plugin', 'singleton'>;
};

/**
 * Starts the parts of the portal the import template runs through, in one backend: the scaffolder
 * with this module, the bedrock-models backend talking to the emulator, and the catalog with the
 * demo org and the template. Databases are SQLite files in `databaseDirectory`, so a second backend
 * on the same directory is the same portal after a restart.
 */
export async function startPortalBackend(options: {
  databaseDirectory: string;
  emulator: RunningEmulator;
  /**
   * Overrides of services, e.g. a client that freezes to stand for a dying process, or modules that
   * reach into the backend from a test.
   */
  extraFeatures?: BackendFeature[];
  /** More catalog files to read, e.g. a template of a test's own. */
  extraCatalogFiles?: string[];
}) {
  const scheduler = mockServices.scheduler() as DrivenScheduler;
  const backend = await startTestBackend({
    features: [
      scaffolderBackend,
      scaffolderModuleBedrockModels,
      bedrockModelsBackend,
      catalogBackend,
      catalogModuleTemplateKind,
      scheduler.factory({ skipTaskRunOnStartup: true }),
      fileDatabases(options.databaseDirectory),
      ...(options.extraFeatures ?? []),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [{ allow: ['User', 'Group', 'Template', 'Location'] }],
            locations: [
              { type: 'file', target: CATALOG_FILES.org },
              { type: 'file', target: CATALOG_FILES.template },
              ...(options.extraCatalogFiles ?? []).map(target => ({
                type: 'file',
                target,
              })),
            ],
          },
          scaffolder: {
            // What app-config.yaml sets, with a short stale time so a restart is noticed quickly.
            taskRecovery: { enabled: true, staleTimeout: { seconds: 2 } },
            bedrockModels: {
              importWait: { pollIntervalSeconds: 0.1, timeoutMinutes: 2 },
              evaluationWait: { pollIntervalSeconds: 0.1 },
            },
          },
          bedrockModels: {
            accounts: [
              {
                accountId: PORTAL_ACCOUNT,
                regions: ['us-east-1', 'us-west-2', 'eu-central-1'],
                importRoleArn: `arn:aws:iam::${PORTAL_ACCOUNT}:role/BedrockModelImport`,
              },
            ],
            aliases: ['production', 'staging'],
            // Where test imports may come from (the backend refuses every other source).
            sources: [
              { accountId: PORTAL_ACCOUNT, prefixes: ['s3://ml-artifacts/'] },
            ],
            // The tracker may ask AWS about a job this often; tests move fast.
            imports: { pollIntervalSeconds: 0.05 },
            awsEndpoint: options.emulator.endpoint,
          },
          aws: {
            accounts: [
              {
                accountId: PORTAL_ACCOUNT,
                accessKeyId: 'local',
                secretAccessKey: 'local',
              },
            ],
          },
        },
      }),
    ],
  });
  const address = backend.server.address();
  const url = `http://127.0.0.1:${
    typeof address === 'object' && address ? address.port : 0
  }`;
  return {
    url,
    stop: () => backend.stop(),
    /** Runs the import tracker once, as the scheduler would every few seconds. */
    trackImports: () =>
      scheduler.triggerTask(TRACKER_TASK_ID).catch(() => undefined),
    /** Runs the evaluation runner once, as the scheduler would every 15 seconds. */
    runEvaluations: () =>
      scheduler.triggerTask(EVALUATION_RUNNER_TASK_ID).catch(() => undefined),
  };
}

/** Headers of a request made by the demo user who runs the template. */
export function asUser(userEntityRef: string) {
  return {
    Authorization: mockCredentials.user.header(userEntityRef),
    'Content-Type': 'application/json',
  };
}

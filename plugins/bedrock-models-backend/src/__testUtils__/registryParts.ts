import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Knex } from 'knex';
import { createAwsLayer } from '../aws/AwsLayer';
import { readRegistryConfig } from '../config/readRegistryConfig';
import { PointerKey } from '../database/PointerStore';
import { RegistryStores, registryStoresOn } from '../database/RegistryStores';
import { ErrorReporter } from '../service/ErrorReporter';
import {
  ApprovalRequestResponse,
  PointerMoveResponse,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { ApprovalRequests } from '../service/ApprovalRequests';
import { EvaluationService } from '../service/EvaluationService';
import { PromotionService } from '../service/PromotionService';
import { RegistryNotifier } from '../service/RegistryNotifier';
import { RegistryChanges } from '../service/RegistryChanges';
import { SsmPublisher } from '../workers/SsmPublisher';
import { SsmReconciler } from '../workers/SsmReconciler';
import {
  insertModel,
  insertVersions,
  registryTestConfig,
  TEST_ACCOUNT,
  testArn,
} from './registryFixtures';

/** The production pointer of the test model in us-east-1. */
export const PRODUCTION: PointerKey = {
  modelName: 'summarizer',
  alias: 'production',
  region: 'us-east-1',
};

/** Where callers read that pointer. */
export const PRODUCTION_PARAMETER = '/bedrock-models/summarizer/production';

/**
 * The registry's parts over one database (already migrated), without a backend around them: stores,
 * the AWS layer (on the emulator when `endpoint` is given), the publisher, the reconciler and the
 * promotion service, for tests that drive them directly (drills, races between replicas).
 */
export function registryParts(
  knex: Knex,
  options: { endpoint?: string; now?: () => Date } = {},
) {
  const logger = mockServices.logger.mock();
  const errors = new ErrorReporter(logger);
  const testConfig = new ConfigReader(
    registryTestConfig({
      regions: ['us-east-1', 'eu-central-1'],
      awsEndpoint: options.endpoint,
    }),
  );
  const config = readRegistryConfig(testConfig);
  const stores: RegistryStores = registryStoresOn(knex);
  const aws = createAwsLayer(testConfig, options.endpoint);
  const changes = new RegistryChanges({ logger });
  const publisher = new SsmPublisher({
    outbox: stores.outbox,
    ssm: aws.ssm,
    logger,
    errors,
    now: options.now,
  });
  const reconciler = new SsmReconciler({
    outbox: stores.outbox,
    ssm: aws.ssm,
    logger,
    errors,
    retryPublishing: () => {},
  });
  const notifier = new RegistryNotifier({
    models: stores.models,
    config,
    logger,
  });
  const evaluations = new EvaluationService({
    evaluations: stores.evaluations,
    models: stores.models,
    pointers: stores.pointers,
    config,
    runQueued: () => {},
  });
  const promotion = new PromotionService({
    models: stores.models,
    pointers: stores.pointers,
    publisher,
    changes,
    config,
    evaluations,
    approvals: new ApprovalRequests({ approvals: stores.approvals, notifier }),
    notifier,
    retryPublishing: () => {},
  });
  /** A move's answer, when it moved (these tests configure no approval rule). */
  const moved = async (
    answer: Promise<PointerMoveResponse | ApprovalRequestResponse>,
  ): Promise<PointerMoveResponse> => {
    const result = await answer;
    if ('approvalRequest' in result) throw new Error('The move needs approval');
    return result;
  };
  /** Promotes `version` of the test model in us-east-1 as Ana, publishing as a request does. */
  const promote = (
    version: number,
    extra: { expectedCurrentVersion?: number | null; reason?: string } = {},
  ) =>
    moved(
      promotion.move({
        ...PRODUCTION,
        kind: 'promote',
        version,
        actor: 'user:default/ana',
        reason: extra.reason ?? `promote ${version}`,
        expectedCurrentVersion: extra.expectedCurrentVersion,
      }),
    );
  /** Rolls the same pointer back. */
  const rollback = (actor = 'user:default/ana') =>
    moved(
      promotion.move({
        ...PRODUCTION,
        kind: 'rollback',
        actor,
        reason: 'roll back',
      }),
    );
  return {
    stores,
    aws,
    config,
    logger,
    changes,
    publisher,
    reconciler,
    promotion,
    promote,
    rollback,
    moved,
  };
}

/**
 * Moves the production pointer to `version` as a move does, queuing its SSM write but not publishing it
 * (what a request whose publish failed leaves behind).
 */
export async function queueMove(stores: RegistryStores, version: number) {
  const outcome = await stores.pointers.movePointer(
    PRODUCTION,
    async (_state, load) => ({
      kind: 'move' as const,
      move: {
        kind: 'promote' as const,
        target: (await load(version))!,
        actor: 'user:default/ana',
        reason: `queued ${version}`,
        parameterName: PRODUCTION_PARAMETER,
      },
    }),
  );
  if (outcome.kind !== 'moved') throw new Error('queueMove was refused');
  return outcome;
}

/** The test model with ready versions 1..n in us-east-1 (ARNs from `testArn`). */
export async function seedSummarizer(knex: Knex, versions = 3) {
  await insertModel(knex, {
    name: 'summarizer',
    owner: 'group:default/support-ml',
  });
  await insertVersions(
    knex,
    'summarizer',
    Array.from({ length: versions }, (_, i) => ({ number: i + 1 })),
  );
}

export { TEST_ACCOUNT, testArn };

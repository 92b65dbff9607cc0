import {
  DeleteParameterCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  RunningEmulator,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import { applyMigrations } from '../database/migrateDatabase';
import { emulatorSdk } from '../__testUtils__/emulatorSdk';
import {
  PRODUCTION_PARAMETER,
  queueMove,
  registryParts,
  seedSummarizer,
  testArn,
} from '../__testUtils__/registryParts';
import { publishBackoffMs } from './SsmPublisher';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe('publishBackoffMs', () => {
  it('doubles from 5 seconds up to 15 minutes', () => {
    expect([0, 1, 2, 10].map(publishBackoffMs)).toEqual([
      5_000, 10_000, 20_000, 900_000,
    ]);
  });
});

describe.each(databases.eachSupportedId())(
  'SsmPublisher and SsmReconciler on %p, against the emulator',
  databaseId => {
    let emulator: RunningEmulator;
    let ssm: SSMClient;
    let clock: Date;
    let parts: ReturnType<typeof registryParts>;

    beforeEach(async () => {
      emulator = await startEmulator({ port: 0 });
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      await seedSummarizer(knex, 2);
      // A minute ahead, so writes queued during the test are due.
      clock = new Date(Date.now() + 60_000);
      parts = registryParts(knex, {
        endpoint: emulator.endpoint,
        now: () => clock,
      });
      ssm = emulatorSdk(SSMClient, emulator);
    });
    afterEach(() => emulator.close());

    const parameter = async () =>
      (await ssm.send(new GetParameterCommand({ Name: PRODUCTION_PARAMETER })))
        .Parameter;

    it('publishes a queued move to SSM and marks it published', async () => {
      await queueMove(parts.stores, 1);
      expect(await parts.publisher.publishDue()).toEqual({
        published: 1,
        failed: 0,
        upToDate: 0,
      });
      expect(await parameter()).toMatchObject({
        Value: testArn(1),
        Type: 'String',
        Version: 1,
      });
      expect(await parts.stores.outbox.publishStates('summarizer')).toEqual([
        expect.objectContaining({
          alias: 'production',
          region: 'us-east-1',
          status: 'published',
          attempts: 0,
        }),
      ]);
      expect(await parts.publisher.publishDue()).toEqual({
        published: 0,
        failed: 0,
        upToDate: 0,
      });
    });

    it('writes only the newest of several queued moves', async () => {
      await queueMove(parts.stores, 1);
      await queueMove(parts.stores, 2);
      expect(await parts.publisher.publishDue()).toEqual({
        published: 1,
        failed: 0,
        upToDate: 0,
      });
      const history = await ssm.send(
        new GetParameterHistoryCommand({ Name: PRODUCTION_PARAMETER }),
      );
      expect(history.Parameters!.map(p => p.Value)).toEqual([testArn(2)]);
    });

    it('retries a failed write with backoff until SSM takes it, without the AWS text in the state users see', async () => {
      await queueMove(parts.stores, 1);
      emulator.faults.setRules([
        { service: 'ssm', errorRate: 1, errorStatus: 503 },
      ]);
      expect(await parts.publisher.publishDue()).toEqual({
        published: 0,
        failed: 1,
        upToDate: 0,
      });
      const [state] = await parts.stores.outbox.publishStates('summarizer');
      expect(state).toMatchObject({ status: 'pending', attempts: 1 });
      expect(state.lastError).toMatch(
        /^ServiceUnavailable\w* \(log reference [0-9a-f]{8}\)$/,
      );

      emulator.faults.setRules([]);
      // Not due yet.
      expect((await parts.publisher.publishDue()).published).toBe(0);
      clock = new Date(clock.getTime() + publishBackoffMs(0));
      expect((await parts.publisher.publishDue()).published).toBe(1);
      expect((await parameter())?.Value).toBe(testArn(1));
    });

    it('republishes a parameter someone changed or deleted, and leaves one in step alone', async () => {
      await queueMove(parts.stores, 1);
      const { reconciler, publisher } = parts;
      // The write is still pending: the publisher will bring SSM in step.
      expect(await reconciler.reconcile()).toEqual({
        inStep: 0,
        requeued: 0,
        unreadable: 0,
      });
      await publisher.publishDue();
      expect(await reconciler.reconcile()).toEqual({
        inStep: 1,
        requeued: 0,
        unreadable: 0,
      });

      await ssm.send(
        new PutParameterCommand({
          Name: PRODUCTION_PARAMETER,
          Value: 'hand-edited',
          Overwrite: true,
        }),
      );
      expect(await reconciler.reconcile()).toEqual({
        inStep: 0,
        requeued: 1,
        unreadable: 0,
      });
      await publisher.publishDue();
      expect((await parameter())?.Value).toBe(testArn(1));

      await ssm.send(
        new DeleteParameterCommand({ Name: PRODUCTION_PARAMETER }),
      );
      expect((await reconciler.reconcile()).requeued).toBe(1);
      await publisher.publishDue();
      expect((await parameter())?.Value).toBe(testArn(1));
    });
  },
);

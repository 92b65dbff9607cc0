import {
  DeleteParameterCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  RunningEmulator,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import { AwsClients } from '../aws/AwsClients';
import {
  DatabaseRegistryStore,
  PointerMoveRequest,
} from '../database/DatabaseRegistryStore';
import { applyMigrations } from '../database/migrateDatabase';
import { publishBackoffMs, SsmOutboxPublisher } from './SsmOutboxPublisher';
import { SsmReconciler } from './SsmReconciler';
import { readRegistryConfig } from '../config/readRegistryConfig';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const ACCOUNT = '123456789012';
const PARAMETER = '/bedrock-models/summarizer/production';
const arnOf = (n: number) =>
  `arn:aws:bedrock:us-east-1:${ACCOUNT}:imported-model/v${n}aaaaaaaaaa`;

describe('publishBackoffMs', () => {
  it('doubles from 5 seconds up to 15 minutes', () => {
    expect([0, 1, 2, 10].map(publishBackoffMs)).toEqual([
      5_000, 10_000, 20_000, 900_000,
    ]);
  });
});

describe.each(databases.eachSupportedId())(
  'SsmOutboxPublisher on %p, against the emulator',
  databaseId => {
    let emulator: RunningEmulator;
    let ssm: SSMClient;
    let store: DatabaseRegistryStore;
    let clock: Date;
    let publisher: SsmOutboxPublisher;

    beforeEach(async () => {
      emulator = await startEmulator({ port: 0 });
      const credentials = DefaultAwsCredentialsManager.fromConfig(
        new ConfigReader({
          aws: {
            accounts: [
              {
                accountId: ACCOUNT,
                accessKeyId: 'local',
                secretAccessKey: 'local',
              },
            ],
          },
        }),
      );
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      store = new DatabaseRegistryStore(knex);
      await store.createModel({
        name: 'summarizer',
        owner: 'group:default/support-ml',
        classification: 'internal',
        lineage: {},
        tags: [],
        createdBy: 'user:default/ana',
      });
      for (const n of [1, 2]) {
        await store.addVersion({
          modelName: 'summarizer',
          accountId: ACCOUNT,
          region: 'us-east-1',
          status: 'ready',
          importedModelArn: arnOf(n),
          s3Uri: 's3://a/b/',
          managed: true,
          createdBy: 'user:default/ana',
        });
      }
      // A minute ahead, so writes queued during the test are due.
      clock = new Date(Date.now() + 60_000);
      publisher = new SsmOutboxPublisher({
        store,
        clients: new AwsClients(credentials, emulator.endpoint),
        logger: mockServices.logger.mock(),
        now: () => clock,
      });
      ssm = new SSMClient({
        endpoint: emulator.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
    });
    afterEach(() => emulator.close());

    const promote = (toVersion: number): PointerMoveRequest => ({
      kind: 'promote',
      toVersion,
      modelName: 'summarizer',
      alias: 'production',
      region: 'us-east-1',
      actor: 'user:default/ana',
      reason: 'test',
      parameterName: PARAMETER,
    });

    it('publishes a pointer move to SSM and marks it published', async () => {
      await store.movePointer(promote(1));
      expect(await publisher.publishDue()).toEqual({ published: 1, failed: 0 });
      const { Parameter } = await ssm.send(
        new GetParameterCommand({ Name: PARAMETER }),
      );
      expect(Parameter).toMatchObject({
        Value: arnOf(1),
        Type: 'String',
        Version: 1,
      });
      expect(await store.publishStates('summarizer')).toEqual([
        expect.objectContaining({
          alias: 'production',
          region: 'us-east-1',
          status: 'published',
          attempts: 0,
        }),
      ]);
      expect(await publisher.publishDue()).toEqual({ published: 0, failed: 0 });
    });

    it('writes only the newest of several queued moves', async () => {
      await store.movePointer(promote(1));
      await store.movePointer(promote(2));
      expect(await publisher.publishDue()).toEqual({ published: 1, failed: 0 });
      const history = await ssm.send(
        new GetParameterHistoryCommand({ Name: PARAMETER }),
      );
      expect(history.Parameters!.map(p => p.Value)).toEqual([arnOf(2)]);
    });

    it('retries a failed write with backoff until SSM takes it', async () => {
      await store.movePointer(promote(1));
      await fetch(`${emulator.endpoint}/_emulator/faults`, {
        method: 'PUT',
        body: JSON.stringify([
          { service: 'ssm', errorRate: 1, errorStatus: 503 },
        ]),
      });
      expect(await publisher.publishDue()).toEqual({ published: 0, failed: 1 });
      const [state] = await store.publishStates('summarizer');
      expect(state).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastError: expect.stringContaining('ServiceUnavailable'),
      });

      await fetch(`${emulator.endpoint}/_emulator/faults`, {
        method: 'DELETE',
      });
      expect(await publisher.publishDue()).toEqual({ published: 0, failed: 0 }); // not due yet
      clock = new Date(clock.getTime() + publishBackoffMs(0));
      expect(await publisher.publishDue()).toEqual({ published: 1, failed: 0 });
      expect(
        (await ssm.send(new GetParameterCommand({ Name: PARAMETER }))).Parameter
          ?.Value,
      ).toBe(arnOf(1));
    });
  },
);

describe.each(databases.eachSupportedId())(
  'SsmReconciler on %p, against the emulator',
  databaseId => {
    it('republishes a parameter someone changed or deleted, and leaves one in step alone', async () => {
      const emulator = await startEmulator({ port: 0 });
      try {
        const credentials = DefaultAwsCredentialsManager.fromConfig(
          new ConfigReader({
            aws: {
              accounts: [
                {
                  accountId: ACCOUNT,
                  accessKeyId: 'local',
                  secretAccessKey: 'local',
                },
              ],
            },
          }),
        );
        const clients = new AwsClients(credentials, emulator.endpoint);
        const knex = await databases.init(databaseId);
        await applyMigrations(knex);
        const store = new DatabaseRegistryStore(knex);
        await store.createModel({
          name: 'summarizer',
          owner: 'group:default/support-ml',
          classification: 'internal',
          lineage: {},
          tags: [],
          createdBy: 'x',
        });
        await store.addVersion({
          modelName: 'summarizer',
          accountId: ACCOUNT,
          region: 'us-east-1',
          status: 'ready',
          importedModelArn: arnOf(1),
          s3Uri: 's3://a/b/',
          managed: true,
          createdBy: 'x',
        });
        await store.movePointer({
          kind: 'promote',
          toVersion: 1,
          modelName: 'summarizer',
          alias: 'production',
          region: 'us-east-1',
          actor: 'user:default/ana',
          reason: 'r',
          parameterName: PARAMETER,
        });
        const logger = mockServices.logger.mock();
        const publisher = new SsmOutboxPublisher({
          store,
          clients,
          logger,
          now: () => new Date(Date.now() + 60_000),
        });
        const reconciler = new SsmReconciler({
          store,
          clients,
          logger,
          config: readRegistryConfig(new ConfigReader({})),
        });
        const ssm = new SSMClient({
          endpoint: emulator.endpoint,
          region: 'us-east-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        });

        expect(await reconciler.reconcile()).toEqual({
          inStep: 0,
          requeued: 0,
          unreadable: 0,
        }); // write still pending
        await publisher.publishDue();
        expect(await reconciler.reconcile()).toEqual({
          inStep: 1,
          requeued: 0,
          unreadable: 0,
        });

        await ssm.send(
          new PutParameterCommand({
            Name: PARAMETER,
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
        expect(
          (await ssm.send(new GetParameterCommand({ Name: PARAMETER })))
            .Parameter?.Value,
        ).toBe(arnOf(1));

        await ssm.send(new DeleteParameterCommand({ Name: PARAMETER }));
        expect(await reconciler.reconcile()).toEqual({
          inStep: 0,
          requeued: 1,
          unreadable: 0,
        });
        await publisher.publishDue();
        expect(
          (await ssm.send(new GetParameterCommand({ Name: PARAMETER })))
            .Parameter?.Value,
        ).toBe(arnOf(1));
      } finally {
        await emulator.close();
      }
    });
  },
);

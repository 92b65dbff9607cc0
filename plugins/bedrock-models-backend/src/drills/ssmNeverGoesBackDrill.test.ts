import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  RunningEmulator,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import knexFactory, { Knex } from 'knex';
import { applyMigrations } from '../database/migrateDatabase';
import { emulatorSdk } from '../__testUtils__/emulatorSdk';
import {
  PRODUCTION_PARAMETER,
  registryParts,
  seedSummarizer,
  testArn,
} from '../__testUtils__/registryParts';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/** How many times each interleaving is forced: it must end the same way every time. */
const ROUNDS = 3;

/**
 * Drill: SSM never goes back to an older ARN. The reconciler reads every pointer, then asks SSM about
 * each one; GetParameter is made slow (an emulator fault), and a promote or an emergency rollback lands
 * while the reconciler waits on it. SSM then shows the new ARN, which differs from what the reconciler
 * read: before the fix it queued the old ARN again, which the publisher wrote over the new one.
 */
describe('drill: a move inside a reconcile pass never puts an older ARN back in SSM', () => {
  let emulator: RunningEmulator;
  let ssm: SSMClient;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    ssm = emulatorSdk(SSMClient, emulator);
  });
  afterAll(() => emulator.close());

  const parameter = async () =>
    (await ssm.send(new GetParameterCommand({ Name: PRODUCTION_PARAMETER })))
      .Parameter?.Value;

  /** Versions SSM held, oldest first, from the round's first write on. */
  const valuesSince = async (version: number) =>
    (
      await ssm.send(
        new GetParameterHistoryCommand({
          Name: PRODUCTION_PARAMETER,
          MaxResults: 50,
        }),
      )
    )
      .Parameters!.filter(p => (p.Version ?? 0) >= version)
      .map(p => p.Value);

  /**
   * One round: the reconciler (replica A) is paused inside GetParameter while replica B moves the
   * pointer; then both replicas' publishers run. Answers what SSM and the pointer say at the end.
   */
  async function round(
    reconciling: ReturnType<typeof registryParts>,
    moving: ReturnType<typeof registryParts>,
    move: () => Promise<unknown>,
  ) {
    emulator.faults.setRules([
      { service: 'ssm', operation: 'GetParameter', latencyMs: 1_500 },
    ]);
    let reading!: () => void;
    const inGetParameter = new Promise<void>(resolve => {
      reading = resolve;
    });
    const get = reconciling.aws.ssm.get.bind(reconciling.aws.ssm);
    reconciling.aws.ssm.get = async (target, name) => {
      reading();
      return get(target, name);
    };
    try {
      const pass = reconciling.reconciler.reconcile();
      await inGetParameter;
      await move();
      const result = await pass;
      emulator.faults.setRules([]);
      await Promise.all(
        [reconciling, moving].map(r => r.publisher.publishDue()),
      );
      const [pointer] = await moving.stores.pointers.listPointers('summarizer');
      return { result, pointer, ssmValue: await parameter() };
    } finally {
      reconciling.aws.ssm.get = get;
      emulator.faults.setRules([]);
    }
  }

  async function drill(knexA: Knex, knexB: Knex) {
    const a = registryParts(knexA, { endpoint: emulator.endpoint });
    const b = registryParts(knexB, { endpoint: emulator.endpoint });
    await b.promote(1, { reason: 'first' });
    for (let i = 0; i < ROUNDS; i++) {
      const history = await ssm.send(
        new GetParameterHistoryCommand({
          Name: PRODUCTION_PARAMETER,
          MaxResults: 50,
        }),
      );
      const from = (history.Parameters?.at(-1)?.Version ?? 0) + 1;
      // A promote lands inside the pass ...
      const promoted = await round(a, b, () =>
        b.promote(i % 2 === 0 ? 2 : 3, { reason: `promote in pass ${i}` }),
      );
      expect(promoted.result.requeued).toBe(0);
      expect(promoted.ssmValue).toBe(testArn(promoted.pointer.version));
      // ... and so does an emergency rollback.
      const rolledBack = await round(a, b, () => b.rollback());
      expect(rolledBack.result.requeued).toBe(0);
      expect(rolledBack.ssmValue).toBe(testArn(rolledBack.pointer.version));
      // SSM went straight from each value to the next: never back to one the pointer had left.
      expect(await valuesSince(from)).toEqual([
        testArn(promoted.pointer.version),
        testArn(rolledBack.pointer.version),
      ]);
    }
    expect(await knexA('ssm_outbox').where({ status: 'pending' })).toEqual([]);
    return ROUNDS;
  }

  it.each(databases.eachSupportedId())(
    'on %p, one backend',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      await seedSummarizer(knex);
      expect(await drill(knex, knex)).toBe(ROUNDS);
    },
  );

  it.each(
    databases.eachSupportedId().filter(([id]) => id.startsWith('POSTGRES')),
  )('on %p, two backends on one database', async databaseId => {
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    await seedSummarizer(knex);
    // A second pool on the same database stands for the second backend.
    const other = knexFactory({
      client: 'pg',
      connection: knex.client.config.connection,
    });
    try {
      expect(await drill(knex, other)).toBe(ROUNDS);
    } finally {
      await other.destroy();
    }
  });
});

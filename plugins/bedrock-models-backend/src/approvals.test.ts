import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  RunningEmulator,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import { Knex } from 'knex';
import { applyMigrations } from './database/migrateDatabase';
import { APPROVAL_EXPIRY_TASK_ID } from './workers/ApprovalExpiry';
import { emulatorSdk } from './__testUtils__/emulatorSdk';
import {
  insertModel,
  insertVersions,
  testArn,
} from './__testUtils__/registryFixtures';
import { startTrustBackend } from './__testUtils__/trustTestBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const ANA = 'user:default/ana';
const CY = 'user:default/cy';
const GOV = 'user:default/gov';
const BO = 'user:default/bo';
const PRODUCTION = '/models/claims/aliases/production';

/** Production of confidential models needs one approval from an owner or ml-governance. */
const APPROVALS = {
  approvals: {
    rules: [
      {
        aliases: ['production'],
        classifications: ['confidential', 'phi'],
        approvals: 1,
        approvers: ['owners', 'group:default/ml-governance'],
        expiryHours: 24,
      },
    ],
  },
};

describe.each(databases.eachSupportedId())('approvals on %p', databaseId => {
  let emulator: RunningEmulator;
  let knex: Knex;
  let backend: Awaited<ReturnType<typeof startTrustBackend>>;

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    knex = await databases.init(databaseId);
    await applyMigrations(knex);
    await insertModel(knex, {
      name: 'claims',
      owner: 'group:default/claims-ai',
      classification: 'confidential',
    });
    await insertVersions(knex, 'claims', [
      { number: 1 },
      { number: 2 },
      { number: 3 },
    ]);
    backend = await startTrustBackend(knex, emulator, APPROVALS);
  });
  afterEach(async () => {
    await backend.stop();
    await emulator.close();
  });

  const ssmValue = async () =>
    (
      await emulatorSdk(SSMClient, emulator)
        .send(
          new GetParameterCommand({
            Name: '/bedrock-models/claims/production',
          }),
        )
        .catch(() => ({ Parameter: undefined }))
    ).Parameter?.Value;
  const moves = async () =>
    knex('alias_history').where({ model_name: 'claims' }).orderBy('seq');
  const ask = async (user: string, version: number, reason = 'launch') => {
    const res = await backend.post(user, PRODUCTION, {
      region: 'us-east-1',
      version,
      reason,
    });
    expect(res.status).toBe(202);
    return res.body.approvalRequest;
  };

  it('turns a covered promote into a request that another owner or governance approves; the history says who asked and who approved', async () => {
    const dry = await backend.post(ANA, PRODUCTION, {
      region: 'us-east-1',
      version: 1,
      reason: 'launch',
      dryRun: true,
    });
    expect(dry.body).toMatchObject({
      dryRun: true,
      needsApproval: true,
      approvalRule: {
        approvals: 1,
        approvers: ['owners', 'group:default/ml-governance'],
      },
    });
    const request = await ask(ANA, 1);
    expect(request).toMatchObject({
      status: 'pending',
      kind: 'promote',
      targetVersion: 1,
      fromVersion: null,
      requestedBy: ANA,
      mayDecide: false,
    });
    expect(await moves()).toEqual([]);
    // Approvers are told, the requester is not.
    expect(backend.sent.at(-1)).toMatchObject({
      recipients: {
        entityRef: ['group:default/claims-ai', 'group:default/ml-governance'],
        excludeEntityRef: ANA,
      },
      payload: { link: `/bedrock-models/approvals?request=${request.id}` },
    });

    const own = await backend.post(ANA, `/approvals/${request.id}/approve`, {
      reason: 'mine',
    });
    expect([own.status, own.body.error.message]).toEqual([
      403,
      'You asked for this move, so someone else must approve it.',
    ]);
    const stranger = await backend.post(
      BO,
      `/approvals/${request.id}/approve`,
      { reason: 'x' },
    );
    expect([stranger.status, stranger.body.error.message]).toEqual([
      403,
      'Only the owners (group:default/claims-ai) or group:default/ml-governance may approve this move.',
    ]);
    expect(
      (await backend.get(GOV, '/approvals?mine=decide')).body.items,
    ).toHaveLength(1);

    const approved = await backend.post(
      GOV,
      `/approvals/${request.id}/approve`,
      {
        reason: 'evaluation looks good',
      },
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      approvalRequest: {
        status: 'approved',
        decisions: [{ actor: GOV, decision: 'approve' }],
      },
      move: {
        published: true,
        move: { toVersion: 1, actor: GOV, requestedBy: ANA, approvedBy: [GOV] },
      },
    });
    expect(await ssmValue()).toBe(testArn(1));
    const history = (await backend.get(ANA, '/models/claims')).body
      .recentHistory;
    expect(history[0]).toMatchObject({
      approvalRequestId: request.id,
      requestedBy: ANA,
      approvedBy: [GOV],
    });
    // The requester learns the outcome.
    expect(
      backend.sent.some(
        n =>
          (n.recipients as { entityRef: string[] }).entityRef.includes(ANA) &&
          /approved/.test(n.payload.title),
      ),
    ).toBe(true);
  });

  it('moves once when two approvers approve at once', async () => {
    const request = await ask(ANA, 2);
    const answers = await Promise.all([
      backend.post(CY, `/approvals/${request.id}/approve`, { reason: 'ok' }),
      backend.post(GOV, `/approvals/${request.id}/approve`, { reason: 'ok' }),
    ]);
    expect(answers.map(a => a.status).sort()).toEqual([200, 409]);
    expect(answers.find(a => a.status === 409)!.body.error.message).toMatch(
      /^The request is already approved/,
    );
    expect((await moves()).map(m => m.to_version)).toEqual([2]);
  });

  it('refuses an approval after someone else moved the pointer: 409, nothing moves, the request is stale', async () => {
    const first = await ask(ANA, 1);
    await backend
      .post(GOV, `/approvals/${first.id}/approve`, { reason: 'ok' })
      .expect(200);
    const request = await ask(ANA, 3);
    // Meanwhile another approved request moves production to version 2.
    const other = await ask(CY, 2);
    await backend
      .post(GOV, `/approvals/${other.id}/approve`, { reason: 'ok' })
      .expect(200);
    const stale = await backend.post(CY, `/approvals/${request.id}/approve`, {
      reason: 'late',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain(
      'moved since this request was made (it names version 2 now',
    );
    expect((await moves()).map(m => m.to_version)).toEqual([1, 2]);
    expect(await ssmValue()).toBe(testArn(2));
    const after = await backend.get(ANA, `/approvals/${request.id}`);
    expect(after.body).toMatchObject({
      status: 'stale',
      decisions: [{ decision: 'stale', actor: 'bedrock-models:approvals' }],
    });
  });

  it('lets owners roll back at once as an emergency, recorded as such', async () => {
    for (const version of [1, 2]) {
      const request = await ask(ANA, version);
      await backend
        .post(GOV, `/approvals/${request.id}/approve`, { reason: 'ok' })
        .expect(200);
    }
    const rollback = await backend.post(CY, `${PRODUCTION}/rollback`, {
      region: 'us-east-1',
      reason: 'latency regression',
    });
    expect(rollback.status).toBe(200);
    expect(rollback.body.move).toMatchObject({ toVersion: 1, emergency: true });
    // A non-owner's rollback still waits for approval.
    const asked = await backend.post(GOV, `${PRODUCTION}/rollback`, {
      region: 'us-east-1',
      reason: 'governance rollback',
    });
    expect(asked.status).toBe(202);
  });

  it('records rejections, cancellations and expiry, each audited in the request and told to the requester', async () => {
    const rejected = await ask(ANA, 1);
    const no = await backend.post(GOV, `/approvals/${rejected.id}/reject`, {
      reason: 'no evaluation',
    });
    expect(no.body.approvalRequest).toMatchObject({
      status: 'rejected',
      decisions: [{ actor: GOV, decision: 'reject', reason: 'no evaluation' }],
    });
    const cancelled = await ask(ANA, 2);
    const notMine = await backend.post(
      CY,
      `/approvals/${cancelled.id}/cancel`,
      { reason: 'x' },
    );
    expect(notMine.status).toBe(403);
    await backend
      .post(ANA, `/approvals/${cancelled.id}/cancel`, {
        reason: 'wrong version',
      })
      .expect(200);
    const expiring = await ask(ANA, 3);
    await knex('approval_requests')
      .where({ id: expiring.id })
      .update({
        expires_at: new Date(Date.now() - 1000),
      });
    const late = await backend.post(GOV, `/approvals/${expiring.id}/approve`, {
      reason: 'ok',
    });
    expect(late.status).toBe(409);
    await backend.scheduler.triggerTask(APPROVAL_EXPIRY_TASK_ID);
    const statuses = (await backend.get(ANA, '/approvals')).body.items.map(
      (r: { status: string; targetVersion: number }) => [
        r.targetVersion,
        r.status,
      ],
    );
    expect(statuses.sort()).toEqual([
      [1, 'rejected'],
      [2, 'cancelled'],
      [3, 'expired'],
    ]);
    expect(await moves()).toEqual([]);
  });
});

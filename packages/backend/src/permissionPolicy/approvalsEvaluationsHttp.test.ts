import { mockCredentials } from '@backstage/backend-test-utils';
import {
  RunningEmulator,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import { Knex } from 'knex';
import request from 'supertest';
import {
  insertSummarizer,
  startPolicyTestBackend,
} from './__testUtils__/policyTestBackend';

jest.setTimeout(120_000);

// Who belongs to which group, as the catalog says through the user info service.
const GROUPS: Record<string, string[]> = {
  'user:default/ana': ['group:default/support-ml'],
  'user:default/cy': ['group:default/support-ml'],
  'user:default/rita': ['group:default/risk'],
  'user:default/root': ['group:default/admins'],
  'user:default/bo': ['group:default/other-team'],
};

const callers = {
  none: mockCredentials.none.header(),
  service: mockCredentials.service.header(),
  'non-owner': mockCredentials.user.header('user:default/bo'),
  /** Ana asks for every move below; Cy owns the model with her. */
  requester: mockCredentials.user.header('user:default/ana'),
  owner: mockCredentials.user.header('user:default/cy'),
  /** In the risk group the rule names. */
  approver: mockCredentials.user.header('user:default/rita'),
  admin: mockCredentials.user.header('user:default/root'),
};
type Caller = keyof typeof callers;

/**
 * Approvals and evaluations over HTTP, through the real permission backend and the portal's policy:
 * who may ask for a move under an approval rule, approve, reject or cancel it, edit a model's
 * evaluation suite and start an evaluation. Each refused call changes nothing.
 */
describe('approvals and evaluations, over HTTP through the permission backend', () => {
  let emulator: RunningEmulator;
  let server: Awaited<ReturnType<typeof startPolicyTestBackend>>['server'];
  let knex: Knex;
  const api = (path: string) => `/api/bedrock-models${path}`;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    ({ server, knex } = await startPolicyTestBackend({
      emulator,
      groups: GROUPS,
      bedrockModels: {
        approvals: {
          rules: [
            {
              aliases: ['production'],
              approvals: 1,
              approvers: ['owners', 'group:default/risk'],
              allowEmergencyRollback: true,
              expiryHours: 24,
            },
          ],
        },
      },
    }));
    await insertSummarizer(
      knex,
      [1, 2].map(number => ({ number, created_by: 'user:default/ana' })),
    );
  });
  afterAll(() => emulator.close());

  const send = (
    method: 'post' | 'put',
    caller: Caller,
    path: string,
    body: object,
  ) =>
    request(server)
      [method](api(path))
      .set('Authorization', callers[caller])
      .send(body);

  /** The production pointer's version (null: none yet). */
  async function production(): Promise<number | null> {
    const [pointer] = await knex('alias_pointers').where({
      model_name: 'summarizer',
      alias: 'production',
    });
    return pointer?.version_number ?? null;
  }

  /** A fresh pending request by Ana to move production to the version it does not name. */
  async function pendingRequest(): Promise<{ id: string; target: number }> {
    const target = (await production()) === 1 ? 2 : 1;
    const res = await send(
      'post',
      'requester',
      '/models/summarizer/aliases/production',
      {
        region: 'us-east-1',
        version: target,
        reason: 'Passed staging',
      },
    );
    expect({ status: res.status, error: res.body.error?.message }).toEqual({
      status: 202,
      error: undefined,
    });
    return { id: res.body.approvalRequest.id, target };
  }

  async function statusOf(id: string): Promise<string> {
    const [row] = await knex('approval_requests').where({ id });
    return row.status;
  }

  it.each([
    ['none', 401],
    ['service', 403],
    ['non-owner', 403],
    ['owner', 202],
    // Admins may move any pointer, and a rule covers their moves too.
    ['admin', 202],
  ] as const)(
    'a promote of production under an approval rule by %s: %p, and the pointer does not move',
    async (caller, status) => {
      const before = await production();
      const requests = Number(
        (await knex('approval_requests').count({ n: '*' }))[0].n,
      );
      const res = await send(
        'post',
        caller,
        '/models/summarizer/aliases/production',
        {
          region: 'us-east-1',
          version: before === 1 ? 2 : 1,
          reason: 'Passed staging',
        },
      );
      expect(res.status).toBe(status);
      expect(await production()).toBe(before);
      expect(
        Number((await knex('approval_requests').count({ n: '*' }))[0].n),
      ).toBe(requests + (status === 202 ? 1 : 0));
      expect(res.body.approvalRequest?.status).toBe(
        status === 202 ? 'pending' : undefined,
      );
    },
  );

  const APPROVER_REFS: Partial<Record<Caller, string>> = {
    owner: 'user:default/cy',
    approver: 'user:default/rita',
  };

  const DECISION_REFUSALS: Partial<Record<Caller, string>> = {
    none: 'Missing credentials',
    service:
      'Requests are decided on behalf of a user: call with a user token (or on behalf of one), not service credentials alone.',
    requester: 'You asked for this move, so someone else must approve it.',
    'non-owner':
      'Only the owners (group:default/support-ml) or group:default/risk may approve this move.',
    // Admins are not approvers unless a rule names their group: approving is a separate duty.
    admin:
      'Only the owners (group:default/support-ml) or group:default/risk may approve this move.',
  };

  it.each([
    ['none', 401],
    ['service', 403],
    ['non-owner', 403],
    ['requester', 403],
    ['admin', 403],
    ['owner', 200],
    ['approver', 200],
  ] as const)(
    'approving a request by %s: %p; the approval that satisfies the rule moves the pointer',
    async (caller, status) => {
      const { id, target } = await pendingRequest();
      const before = await production();
      const res = await send('post', caller, `/approvals/${id}/approve`, {
        reason: 'Evaluation looks right',
      });
      expect(res.status).toBe(status);
      expect(res.body.error?.message).toBe(DECISION_REFUSALS[caller]);
      expect(await statusOf(id)).toBe(status === 200 ? 'approved' : 'pending');
      expect(await production()).toBe(status === 200 ? target : before);
      const move = res.body.move?.move;
      expect(
        move && [
          move.toVersion,
          move.approvalRequestId,
          move.requestedBy,
          move.approvedBy,
        ],
      ).toEqual(
        status === 200
          ? [target, id, 'user:default/ana', [APPROVER_REFS[caller]]]
          : undefined,
      );
    },
  );

  it.each([
    ['none', 401],
    ['service', 403],
    ['non-owner', 403],
    ['requester', 403],
    ['admin', 403],
    ['owner', 200],
  ] as const)(
    'rejecting a request by %s: %p, and nothing moves',
    async (caller, status) => {
      const { id } = await pendingRequest();
      const before = await production();
      const res = await send('post', caller, `/approvals/${id}/reject`, {
        reason: 'Not this week',
      });
      expect(res.status).toBe(status);
      expect(await statusOf(id)).toBe(status === 200 ? 'rejected' : 'pending');
      expect(await production()).toBe(before);
    },
  );

  it.each([
    ['none', 401],
    ['service', 403],
    ['non-owner', 403],
    // Another owner may reject it, but withdrawing it is for whoever asked.
    ['owner', 403],
    ['requester', 200],
    ['admin', 200],
  ] as const)('cancelling a request by %s: %p', async (caller, status) => {
    const { id } = await pendingRequest();
    const res = await send('post', caller, `/approvals/${id}/cancel`, {
      reason: 'Wrong version',
    });
    expect(res.status).toBe(status);
    expect(await statusOf(id)).toBe(status === 200 ? 'cancelled' : 'pending');
  });

  const SUITE = {
    prompts: [
      {
        id: 'refund',
        prompt: 'Summarize: the customer wants a refund.',
        checks: { mustContain: ['refund'], maxLatencyMs: 30000 },
      },
    ],
  };

  it.each([
    ['none', 401],
    ['service', 403],
    ['non-owner', 403],
    ['owner', 200],
    ['admin', 200],
  ] as const)(
    "editing the model's evaluation suite by %s: %p",
    async (caller, status) => {
      await knex('evaluation_suites').delete();
      const res = await send(
        'put',
        caller,
        '/models/summarizer/evaluation-suite',
        SUITE,
      );
      expect(res.status).toBe(status);
      expect(await knex('evaluation_suites')).toHaveLength(
        status === 200 ? 1 : 0,
      );
    },
  );

  it.each([
    ['none', 401],
    ['service', 403],
    ['non-owner', 403],
    ['owner', 202],
    ['admin', 202],
  ] as const)('starting an evaluation by %s: %p', async (caller, status) => {
    await send('put', 'owner', '/models/summarizer/evaluation-suite', SUITE);
    const runs = Number((await knex('evaluation_runs').count({ n: '*' }))[0].n);
    const res = await send(
      'post',
      caller,
      '/models/summarizer/versions/2/evaluations',
      { region: 'us-east-1' },
    );
    expect(res.status).toBe(status);
    expect(Number((await knex('evaluation_runs').count({ n: '*' }))[0].n)).toBe(
      runs + (status === 202 ? 1 : 0),
    );
  });

  it('lets an owner roll production back at once under a rule that allows emergencies, recorded as one; an admin asks', async () => {
    // Production names a version after an approved move, and has one to go back to.
    for (const approver of ['owner', 'approver'] as const) {
      const { id } = await pendingRequest();
      expect(
        (
          await send('post', approver, `/approvals/${id}/approve`, {
            reason: 'ok',
          })
        ).status,
      ).toBe(200);
    }
    const before = await production();

    const asked = await send(
      'post',
      'admin',
      '/models/summarizer/aliases/production/rollback',
      { region: 'us-east-1', reason: 'Error rate up' },
    );
    expect(asked.status).toBe(202);
    expect(await production()).toBe(before);

    const rolled = await send(
      'post',
      'owner',
      '/models/summarizer/aliases/production/rollback',
      { region: 'us-east-1', reason: 'Error rate up' },
    );
    expect(rolled.status).toBe(200);
    expect(rolled.body.move).toMatchObject({
      kind: 'rollback',
      emergency: true,
    });
    expect(await production()).not.toBe(before);
  });
});

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

const GROUPS: Record<string, string[]> = {
  'user:default/cy': ['group:default/support-ml'],
  'user:default/root': ['group:default/admins'],
  'user:default/bo': ['group:default/other-team'],
};

const callers = {
  none: mockCredentials.none.header(),
  service: mockCredentials.service.header(),
  'non-owner': mockCredentials.user.header('user:default/bo'),
  owner: mockCredentials.user.header('user:default/cy'),
  admin: mockCredentials.user.header('user:default/root'),
};
type Caller = keyof typeof callers;

const POLICY = '/models/summarizer/aliases/production/keep-warm';

/** Who a change by each caller is recorded against. */
const ACTORS: Partial<Record<Caller, string>> = {
  owner: 'user:default/cy',
  admin: 'user:default/root',
};

/**
 * Keep-warm over HTTP, through the real permission backend and the portal's policy: who may set a
 * pointer's keep-warm policy (its model's owners and the admins, on behalf of a user, as for moves) and
 * who may read policies and cold starts. Each refused change writes nothing.
 */
describe('keep-warm, over HTTP through the permission backend', () => {
  let emulator: RunningEmulator;
  let server: Awaited<ReturnType<typeof startPolicyTestBackend>>['server'];
  let knex: Knex;
  const api = (path: string) => `/api/bedrock-models${path}`;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    ({ server, knex } = await startPolicyTestBackend({
      emulator,
      groups: GROUPS,
      bedrockModels: { pricing: { cmuMinute: { 'us-east-1': 0.05718 } } },
    }));
    await insertSummarizer(knex, [
      { number: 1, cmus_per_copy: 2, created_by: 'user:default/cy' },
    ]);
  });
  afterAll(() => emulator.close());

  const get = (caller: Caller, path: string) =>
    request(server).get(api(path)).set('Authorization', callers[caller]);

  const changes = async () =>
    Number((await knex('keep_warm_changes').count({ n: '*' }))[0].n);

  const REFUSALS: Partial<Record<Caller, string>> = {
    none: 'Missing credentials',
    service:
      'Keep-warm policies are set on behalf of a user: call with a user token (or on behalf of one), not service credentials alone.',
    'non-owner':
      'You may not move the pointers of model summarizer: only its owners and the portal admins may.',
  };

  it.each([
    ['none', 401],
    ['service', 403],
    ['non-owner', 403],
    ['owner', 200],
    ['admin', 200],
  ] as const)(
    "setting production's keep-warm policy by %s: %p; a refusal writes nothing",
    async (caller, status) => {
      const before = await changes();
      const res = await request(server)
        .put(api(POLICY))
        .set('Authorization', callers[caller])
        .send({
          region: 'us-east-1',
          mode: 'windows',
          timeZone: 'Europe/Berlin',
          windows: [
            {
              days: ['mon', 'tue', 'wed', 'thu', 'fri'],
              startHour: 9,
              endHour: 17,
            },
          ],
          reason: `Set by ${caller}`,
        });
      expect(res.status).toBe(status);
      expect(res.body.error?.message).toBe(REFUSALS[caller]);
      expect(await changes()).toBe(before + (status === 200 ? 1 : 0));
      // A change records who made it; a refusal records nothing.
      const [latest] = await knex('keep_warm_changes').orderBy('id', 'desc');
      expect(
        status === 200
          ? [res.body.policy.mode, res.body.policy.reason, res.body.canEdit]
          : undefined,
      ).toEqual(
        status === 200 ? ['windows', `Set by ${caller}`, true] : undefined,
      );
      expect(
        latest?.reason === `Set by ${caller}` ? latest.actor : undefined,
      ).toBe(ACTORS[caller]);
    },
  );

  it.each([
    ['none', 401, undefined],
    // Services read as the portal's other read routes let them; they never edit.
    ['service', 200, false],
    ['non-owner', 200, false],
    ['owner', 200, true],
    ['admin', 200, true],
  ] as const)(
    "reading production's keep-warm policy by %s: %p, may edit: %p",
    async (caller, status, canEdit) => {
      const res = await get(caller, `${POLICY}?region=us-east-1`);
      expect(res.status).toBe(status);
      expect(res.body.canEdit).toBe(canEdit);
    },
  );

  it.each([
    ['none', 401],
    ['service', 200],
    ['non-owner', 200],
    ['owner', 200],
    ['admin', 200],
  ] as const)(
    'reading cold starts (of a pointer, and across models) by %s: %p',
    async (caller, status) => {
      expect(
        (
          await get(
            caller,
            '/models/summarizer/aliases/production/cold-starts?region=us-east-1',
          )
        ).status,
      ).toBe(status);
      expect((await get(caller, '/cold-starts?days=30')).status).toBe(status);
    },
  );
});

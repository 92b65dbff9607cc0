import { resolve as resolvePath } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionBackend from '@backstage/plugin-permission-backend';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import { permissionModuleBedrockPortalPolicy } from './permissionPolicyModule';
import { authWithActors, userInfoFrom } from './__testUtils__/authWithActors';

jest.setTimeout(120_000);

// Who belongs to which group, as the catalog says through the user info service. The component in the
// fixture is owned by support-ml, so ana owns it; ana and bo each start a task.
const GROUPS: Record<string, string[]> = {
  'user:default/ana': ['group:default/support-ml'],
  'user:default/root': ['group:default/admins'],
  'user:default/bo': ['group:default/other-team'],
};

const callers = {
  'no token': mockCredentials.none.header(),
  'non-owner': mockCredentials.user.header('user:default/bo'),
  'owner / task creator': mockCredentials.user.header('user:default/ana'),
  admin: mockCredentials.user.header('user:default/root'),
  service: mockCredentials.service.header(),
};
type Caller = keyof typeof callers;

// An admin deletes the first, a service the second; the refused callers try both.
const COMPONENTS = {
  admin: 'component/default/support-summarizer-service',
  service: 'component/default/support-summarizer-worker',
};

/**
 * The portal's policy in front of the real catalog and scaffolder: the permission backend with the
 * portal's policy module, the catalog reading a fixture (components, a template), and the scaffolder
 * running that template's tasks, each plugin on its own in-memory SQLite. Tasks are created through
 * the scaffolder's API as the users themselves, so createdBy is what the scaffolder records.
 *
 * The service row is what Backstage does with any service principal: its permissions service
 * (ServerPermissionClient) allows it without asking the policy, unless the caller's token carries
 * access restrictions (backend.auth.externalAccess[].accessRestrictions); see the policy's comment.
 */
describe('admins-only catalog deletes and scaffolder task ownership, over HTTP through the permission backend', () => {
  let url: string;
  let stop: () => Promise<void>;
  let anasTask: string;
  let bosTask: string;

  function call(
    caller: Caller,
    method: string,
    path: string,
    body?: object,
  ): Promise<Response> {
    return fetch(`${url}${path}`, {
      method,
      headers: {
        Authorization: callers[caller],
        'Content-Type': 'application/json',
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  }

  async function eventually<T>(
    what: string,
    probe: () => Promise<T | undefined>,
  ): Promise<T> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}`);
      await new Promise(r => setTimeout(r, 200));
    }
  }

  async function entityUid(ref: string): Promise<string> {
    return eventually(`${ref} in the catalog`, async () => {
      const res = await call(
        'admin',
        'GET',
        `/api/catalog/entities/by-name/${ref}`,
      );
      return res.ok ? ((await res.json()).metadata.uid as string) : undefined;
    });
  }

  async function startTask(caller: Caller): Promise<string> {
    const res = await call(caller, 'POST', '/api/scaffolder/v2/tasks', {
      templateRef: 'template:default/log-a-line',
      values: {},
    });
    if (res.status !== 201) {
      throw new Error(`task not created: ${res.status} ${await res.text()}`);
    }
    const { id } = (await res.json()) as { id: string };
    // Let it finish, so that nothing but this test changes it afterwards.
    await eventually(`task ${id} to finish`, async () => {
      const task = await (
        await call('admin', 'GET', `/api/scaffolder/v2/tasks/${id}`)
      ).json();
      return ['completed', 'failed'].includes(task.status) ? task : undefined;
    });
    return id;
  }

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        catalogBackend,
        catalogModuleTemplateKind,
        scaffolderBackend,
        permissionBackend,
        permissionModuleBedrockPortalPolicy,
        authWithActors,
        userInfoFrom(GROUPS),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            bedrockModels: { adminGroups: ['group:default/admins'] },
            catalog: {
              rules: [
                { allow: ['Group', 'Component', 'Template', 'Location'] },
              ],
              locations: [
                {
                  type: 'file',
                  target: resolvePath(__dirname, '__fixtures__/catalog.yaml'),
                },
              ],
            },
          },
        }),
      ],
    });
    const address = backend.server.address();
    url = `http://127.0.0.1:${
      typeof address === 'object' && address ? address.port : 0
    }`;
    stop = () => backend.stop();
    await eventually('the template in the catalog', async () =>
      (
        await call(
          'admin',
          'GET',
          '/api/catalog/entities/by-name/template/default/log-a-line',
        )
      ).ok
        ? true
        : undefined,
    );
    anasTask = await startTask('owner / task creator');
    bosTask = await startTask('non-owner');
  });

  afterAll(() => stop());

  describe('DELETE /api/catalog/entities/by-uid/:uid (catalog.entity.delete)', () => {
    it.each([
      ['no token', 401],
      ['non-owner', 403],
      ['owner / task creator', 403],
    ] as const)(
      'refuses %s with %p and deletes nothing',
      async (caller, status) => {
        for (const ref of Object.values(COMPONENTS)) {
          const uid = await entityUid(ref);
          const res = await call(
            caller,
            'DELETE',
            `/api/catalog/entities/by-uid/${uid}`,
          );
          expect([ref, res.status]).toEqual([ref, status]);
          expect((await res.json()).error.name).toBe(
            status === 401 ? 'AuthenticationError' : 'NotAllowedError',
          );
          expect(
            (await call('admin', 'GET', `/api/catalog/entities/by-uid/${uid}`))
              .status,
          ).toBe(200);
        }
      },
    );

    it.each([['admin'], ['service']] as const)(
      'lets %s delete it: 204, then 404',
      async caller => {
        const uid = await entityUid(COMPONENTS[caller]);
        expect(
          (await call(caller, 'DELETE', `/api/catalog/entities/by-uid/${uid}`))
            .status,
        ).toBe(204);
        expect(
          (await call('admin', 'GET', `/api/catalog/entities/by-uid/${uid}`))
            .status,
        ).toBe(404);
      },
    );
  });

  describe('DELETE /api/catalog/locations/:id (catalog.location.delete)', () => {
    const locations: Record<'admin' | 'service', string> = {
      admin: '',
      service: '',
    };

    beforeAll(async () => {
      // Any signed-in user may register a location (catalog.location.create); ana registers these.
      for (const caller of ['admin', 'service'] as const) {
        const res = await call(
          'owner / task creator',
          'POST',
          '/api/catalog/locations',
          {
            type: 'url',
            target: `https://example.com/${caller}/catalog-info.yaml`,
          },
        );
        if (res.status !== 201) {
          throw new Error(`location not registered: ${res.status}`);
        }
        locations[caller] = (await res.json()).location.id;
      }
    });

    it.each([
      ['no token', 401],
      ['non-owner', 403],
      ['owner / task creator', 403],
    ] as const)(
      'refuses %s with %p and unregisters nothing',
      async (caller, status) => {
        for (const id of Object.values(locations)) {
          const res = await call(
            caller,
            'DELETE',
            `/api/catalog/locations/${id}`,
          );
          expect([id, res.status]).toEqual([id, status]);
          expect(
            (await call('admin', 'GET', `/api/catalog/locations/${id}`)).status,
          ).toBe(200);
        }
      },
    );

    it.each([['admin'], ['service']] as const)(
      'lets %s unregister it: 204, then 404',
      async caller => {
        const id = locations[caller];
        expect(
          (await call(caller, 'DELETE', `/api/catalog/locations/${id}`)).status,
        ).toBe(204);
        expect(
          (await call('admin', 'GET', `/api/catalog/locations/${id}`)).status,
        ).toBe(404);
      },
    );
  });

  describe("GET /api/scaffolder/v2/tasks/:taskId of ana's task (scaffolder.task.read)", () => {
    it.each([
      ['no token', 401],
      ['non-owner', 403],
      ['owner / task creator', 200],
      ['admin', 200],
      ['service', 200],
    ] as const)('answers %s with %p', async (caller, status) => {
      const res = await call(
        caller,
        'GET',
        `/api/scaffolder/v2/tasks/${anasTask}`,
      );
      const body = await res.json();
      expect({
        status: res.status,
        task: res.ok ? { id: body.id, createdBy: body.createdBy } : undefined,
      }).toEqual({
        status,
        task:
          status === 200
            ? { id: anasTask, createdBy: 'user:default/ana' }
            : undefined,
      });
    });

    it("refuses ana bo's task and its events", async () => {
      for (const path of [
        `/api/scaffolder/v2/tasks/${bosTask}`,
        `/api/scaffolder/v2/tasks/${bosTask}/events`,
      ]) {
        expect([
          path,
          (await call('owner / task creator', 'GET', path)).status,
        ]).toEqual([path, 403]);
      }
    });
  });

  describe('GET /api/scaffolder/v2/tasks (listing, filtered by scaffolder.task.read)', () => {
    it.each([
      ['no token', 401, []],
      ['non-owner', 200, ['bo']],
      ['owner / task creator', 200, ['ana']],
      ['admin', 200, ['ana', 'bo']],
      ['service', 200, ['ana', 'bo']],
    ] as const)(
      'answers %s with %p and the tasks of %j',
      async (caller, status, creators) => {
        const res = await call(caller, 'GET', '/api/scaffolder/v2/tasks');
        const { tasks = [] } = (await res.json()) as {
          tasks?: Array<{ id: string }>;
        };
        const ids = { ana: anasTask, bo: bosTask };
        expect({
          status: res.status,
          tasks: tasks.map(t => t.id).sort(),
        }).toEqual({
          status,
          tasks: creators.map(creator => ids[creator]).sort(),
        });
      },
    );

    it("gives a non-owner nothing when it asks for ana's tasks by name", async () => {
      const res = await call(
        'non-owner',
        'GET',
        `/api/scaffolder/v2/tasks?createdBy=${encodeURIComponent(
          'user:default/ana',
        )}`,
      );
      expect(res.status).toBe(200);
      expect((await res.json()).tasks).toEqual([]);
    });
  });

  describe("POST /api/scaffolder/v2/tasks/:taskId/cancel of ana's task (scaffolder.task.cancel)", () => {
    it.each([
      ['no token', 401],
      ['non-owner', 403],
    ] as const)(
      'refuses %s with %p and leaves the task as it was',
      async (caller, status) => {
        const before = await (
          await call('admin', 'GET', `/api/scaffolder/v2/tasks/${anasTask}`)
        ).json();
        const res = await call(
          caller,
          'POST',
          `/api/scaffolder/v2/tasks/${anasTask}/cancel`,
        );
        expect(res.status).toBe(status);
        const after = await (
          await call('admin', 'GET', `/api/scaffolder/v2/tasks/${anasTask}`)
        ).json();
        expect(after.status).toBe(before.status);
        const events = await (
          await call(
            'admin',
            'GET',
            `/api/scaffolder/v2/tasks/${anasTask}/events`,
          )
        ).json();
        expect(
          events.filter((e: { type: string }) => e.type === 'cancelled'),
        ).toEqual([]);
      },
    );
  });
});

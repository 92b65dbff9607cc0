import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
} from '@backstage/plugin-catalog-node';
// Tests run the real backend plugin the provider reads from.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import bedrockModelsBackend from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import { catalogModuleBedrockModels } from './module';

jest.setTimeout(60_000);

async function startWithConfig(data: object) {
  const providers: EntityProvider[] = [];
  const schedules: SchedulerServiceTaskScheduleDefinition[] = [];
  const taskIds: string[] = [];
  const scheduler = mockServices.scheduler.mock({
    createScheduledTaskRunner: schedule => {
      schedules.push(schedule);
      return { run: async task => void taskIds.push(task.id) };
    },
  });
  const backend = await startTestBackend({
    extensionPoints: [
      [
        catalogProcessingExtensionPoint,
        {
          addEntityProvider: (
            ...added: Array<EntityProvider | EntityProvider[]>
          ) => providers.push(...added.flat()),
        },
      ],
    ],
    features: [
      catalogModuleBedrockModels,
      bedrockModelsBackend,
      scheduler.factory,
      mockServices.rootConfig.factory({ data }),
    ],
  });
  await Promise.all(
    providers.map(p =>
      p.connect({ applyMutation: jest.fn(), refresh: jest.fn() }),
    ),
  );
  await backend.stop();
  return { providers, schedules, taskIds };
}

describe('catalogModuleBedrockModels', () => {
  it('adds its provider to the catalog, refreshing on the configured schedule', async () => {
    const { providers, schedules, taskIds } = await startWithConfig({
      catalog: {
        providers: {
          bedrockModels: {
            schedule: {
              frequency: { minutes: 10 },
              timeout: { minutes: 1 },
            },
          },
        },
      },
    });

    expect(providers.map(p => p.getProviderName())).toEqual(['bedrock-models']);
    expect(schedules).toEqual([
      { frequency: { minutes: 10 }, timeout: { minutes: 1 } },
    ]);
    expect(taskIds).toEqual(['bedrock-models:refresh']);
  });

  it('refreshes every 5 minutes when no schedule is configured', async () => {
    const { schedules } = await startWithConfig({});

    expect(schedules).toEqual([
      {
        frequency: { minutes: 5 },
        timeout: { minutes: 3 },
        initialDelay: { seconds: 15 },
      },
    ]);
  });
});

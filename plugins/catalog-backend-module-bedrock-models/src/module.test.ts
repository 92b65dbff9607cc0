import {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import bedrockModelsBackend from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import { catalogModuleBedrockModels } from './module';

jest.setTimeout(60_000);

describe('catalogModuleBedrockModels', () => {
  it('registers its provider with the catalog, which then reads the real backend on schedule', async () => {
    const providers: EntityProvider[] = [];
    // Captures the scheduled task so the test can run it at once instead of waiting for the clock.
    const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
    const schedules: SchedulerServiceTaskScheduleDefinition[] = [];
    const scheduler = mockServices.scheduler.mock({
      createScheduledTaskRunner: schedule => {
        schedules.push(schedule);
        return { run: async task => void tasks.push(task) };
      },
    });

    await startTestBackend({
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
        mockServices.rootConfig.factory({
          data: {
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
          },
        }),
      ],
    });

    expect(providers.map(p => p.getProviderName())).toEqual(['bedrock-models']);

    const applyMutation = jest.fn();
    const connection: EntityProviderConnection = {
      applyMutation,
      refresh: jest.fn(),
    };
    await providers[0].connect(connection);

    expect(schedules).toEqual([
      { frequency: { minutes: 10 }, timeout: { minutes: 1 } },
    ]);
    expect(tasks.map(t => t.id)).toEqual(['bedrock-models:refresh']);
    await tasks[0].fn(new AbortController().signal);
    expect(applyMutation).toHaveBeenCalledWith({ type: 'full', entities: [] });
  });
});

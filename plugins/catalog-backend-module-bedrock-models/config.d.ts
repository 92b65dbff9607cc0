import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** The bedrock-models entity provider: models and versions from the bedrock-models backend. */
      bedrockModels?: {
        /** How often the full re-read runs; defaults to every 5 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}

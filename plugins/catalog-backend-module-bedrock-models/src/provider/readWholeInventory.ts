import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { RegistryInventory } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { BedrockModelsService } from '@bedrock-portal/backstage-plugin-bedrock-models-node';

/** Models per page of the inventory: no single answer has to hold a large registry. */
export const INVENTORY_PAGE_SIZE = 500;

/** Every model, version and pointer, read from the backend a page of models at a time. */
export async function readWholeInventory(
  client: BedrockModelsService,
  credentials: BackstageCredentials,
): Promise<RegistryInventory> {
  const whole: RegistryInventory = { models: [], versions: [], pointers: [] };
  let after: string | undefined;
  do {
    const page = await client.getInventory(
      { limit: String(INVENTORY_PAGE_SIZE), after },
      { credentials },
    );
    whole.models.push(...page.models);
    whole.versions.push(...page.versions);
    whole.pointers.push(...page.pointers);
    after = page.nextAfter;
  } while (after);
  return whole;
}

import { mockCredentials } from '@backstage/backend-test-utils';
import { bedrockModelsServiceMock } from '@bedrock-portal/backstage-plugin-bedrock-models-node/testUtils';
import { aModel, aVersion } from '../__testUtils__/registryRecords';
import { INVENTORY_PAGE_SIZE, readWholeInventory } from './readWholeInventory';

describe('readWholeInventory', () => {
  it('reads every model with its versions, a page at a time', async () => {
    const names = Array.from(
      { length: INVENTORY_PAGE_SIZE + 2 },
      (_, i) => `model-${String(i).padStart(4, '0')}`,
    );
    const client = bedrockModelsServiceMock({
      models: names.map(name => aModel({ name })),
      versions: names.map(name => aVersion({ modelName: name, number: 1 })),
    });

    const inventory = await readWholeInventory(
      client,
      mockCredentials.service(),
    );

    expect(inventory.models.map(m => m.name)).toEqual(names);
    expect(inventory.versions).toHaveLength(names.length);
    expect(client.getInventory.mock.calls.map(([query]) => query)).toEqual([
      { limit: String(INVENTORY_PAGE_SIZE), after: undefined },
      {
        limit: String(INVENTORY_PAGE_SIZE),
        after: names[INVENTORY_PAGE_SIZE - 1],
      },
    ]);
  });
});

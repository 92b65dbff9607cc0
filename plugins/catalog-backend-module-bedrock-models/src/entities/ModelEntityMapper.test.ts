import { Entity } from '@backstage/catalog-model';
import { RegistryInventory } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { aModel, aPointer, aVersion } from '../__testUtils__/registryRecords';
import { expectAcceptedByCatalog } from '../__testUtils__/catalogEntityChecks';
import { ModelEntityMapper } from './ModelEntityMapper';

const BACKEND = 'https://portal.example.com/api/bedrock-models';
const mapper = new ModelEntityMapper({
  appBaseUrl: 'https://portal.example.com',
  backendBaseUrl: BACKEND,
  locationKey: 'bedrock-models',
});

function entitiesOf(inventory: RegistryInventory): Entity[] {
  const mapping = mapper.fromInventory(inventory);
  mapping.entities.forEach(e => expect(e.locationKey).toBe('bedrock-models'));
  return mapping.entities.map(e => e.entity);
}

const byName = (entities: Entity[], name: string) => {
  const entity = entities.find(e => e.metadata.name === name);
  if (!entity) throw new Error(`no entity ${name}`);
  return entity;
};

describe('ModelEntityMapper', () => {
  it('maps a model to an ai-model Resource with every field', () => {
    const entities = entitiesOf({
      models: [
        aModel({
          lineage: {
            baseModel: 'meta-llama/Llama-3.1-8B-Instruct',
            trainingDataUri: 's3://training/support-2026-10/',
            evaluationReportUrl: 'https://reports.example.com/support/v2',
          },
          tags: ['Customer Support', 'llama'],
        }),
      ],
      versions: [
        aVersion({ number: 1 }),
        aVersion({ number: 2 }),
        aVersion({
          number: 3,
          region: 'eu-central-1',
          architecture: 'mistral',
        }),
      ],
      pointers: [
        aPointer('production', 'us-east-1', 1),
        aPointer('staging', 'us-east-1', 2),
        aPointer('production', 'eu-central-1', 3),
      ],
    });

    expect(byName(entities, 'support-summarizer')).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'support-summarizer',
        title: 'Support summarizer',
        description: 'Summarises support tickets for agents.',
        tags: ['confidential', 'llama', 'mistral', 'customer-support'],
        labels: { 'bedrock-models.io/managed': 'true' },
        annotations: {
          'backstage.io/managed-by-location': `url:${BACKEND}/models/support-summarizer`,
          'backstage.io/managed-by-origin-location': `url:${BACKEND}/models/support-summarizer`,
          'bedrock-models.io/model': 'support-summarizer',
          'bedrock-models.io/classification': 'confidential',
          'bedrock-models.io/base-model': 'meta-llama/Llama-3.1-8B-Instruct',
          'bedrock-models.io/training-data': 's3://training/support-2026-10/',
          'bedrock-models.io/production.us-east-1': '1',
          'bedrock-models.io/staging.us-east-1': '2',
          'bedrock-models.io/production.eu-central-1': '3',
        },
        links: [
          {
            url: 'https://portal.example.com/catalog/default/resource/support-summarizer/bedrock',
            title: 'Bedrock models portal',
            icon: 'dashboard',
          },
          {
            url: 'https://eu-central-1.console.aws.amazon.com/bedrock/home?region=eu-central-1#/imported-models',
            title: 'AWS console: imported models (eu-central-1)',
            icon: 'cloud',
            type: 'aws-console',
          },
          {
            url: 'https://us-east-1.console.aws.amazon.com/bedrock/home?region=us-east-1#/imported-models',
            title: 'AWS console: imported models (us-east-1)',
            icon: 'cloud',
            type: 'aws-console',
          },
          {
            url: 'https://reports.example.com/support/v2',
            title: 'Evaluation report',
            icon: 'docs',
          },
        ],
      },
      spec: {
        type: 'ai-model',
        owner: 'group:default/support-ml',
        system: 'customer-support',
      },
    });
  });

  it('maps a version to an ai-model-version Resource with every field, owned like its model', () => {
    const entities = entitiesOf({
      models: [aModel()],
      versions: [aVersion({ number: 2, cmusPerCopy: 2 })],
      pointers: [
        aPointer('staging', 'us-east-1', 2),
        aPointer('production', 'us-east-1', 2),
        // Same version number, other Region: another version's pointer.
        aPointer('production', 'eu-central-1', 2),
      ],
    });

    const arn =
      'arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefgh0002';
    expect(byName(entities, 'support-summarizer-v2')).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'support-summarizer-v2',
        title: 'Support summarizer v2',
        description:
          'Version 2 of support-summarizer in us-east-1 (account 123456789012), ready.',
        tags: ['confidential', 'llama'],
        labels: {
          'bedrock-models.io/managed': 'true',
          'bedrock-models.io/status': 'ready',
        },
        annotations: {
          'backstage.io/managed-by-location': `url:${BACKEND}/models/support-summarizer/versions/2`,
          'backstage.io/managed-by-origin-location': `url:${BACKEND}/models/support-summarizer/versions/2`,
          'bedrock-models.io/model': 'support-summarizer',
          'bedrock-models.io/version': '2',
          'bedrock-models.io/status': 'ready',
          'bedrock-models.io/account': '123456789012',
          'bedrock-models.io/region': 'us-east-1',
          'bedrock-models.io/arn': arn,
          'bedrock-models.io/imported-model-name': 'support-summarizer-v2',
          'bedrock-models.io/job-arn':
            'arn:aws:bedrock:us-east-1:123456789012:model-import-job/jobjobjob002',
          'bedrock-models.io/pointers': 'production,staging',
          'aws.amazon.com/arn': arn,
          'aws.amazon.com/region': 'us-east-1',
        },
        links: [
          {
            url: 'https://portal.example.com/catalog/default/resource/support-summarizer/bedrock',
            title: 'Bedrock models portal',
            icon: 'dashboard',
          },
          {
            url: `https://us-east-1.console.aws.amazon.com/bedrock/home?region=us-east-1#/imported-models/item?arn=${encodeURIComponent(
              arn,
            )}`,
            title: 'AWS console (us-east-1)',
            icon: 'cloud',
            type: 'aws-console',
          },
        ],
      },
      spec: {
        type: 'ai-model-version',
        owner: 'group:default/support-ml',
        system: 'customer-support',
        dependencyOf: ['resource:default/support-summarizer'],
      },
    });
  });

  it('says so on unmanaged versions, and on a model whose versions all are', () => {
    const discovered = aModel({
      name: 'legacy-faq-bot',
      title: undefined,
      description: undefined,
      system: undefined,
      owner: 'group:default/ml-platform',
      classification: 'internal',
    });
    const entities = entitiesOf({
      models: [aModel(), discovered],
      versions: [
        aVersion({ number: 1 }),
        aVersion({ number: 2, managed: false }),
        aVersion({
          modelName: 'legacy-faq-bot',
          number: 1,
          region: 'us-west-2',
          architecture: 'mistral',
          managed: false,
          jobArn: undefined,
          importedModelName: 'legacy-faq-bot',
        }),
      ],
      pointers: [],
    });

    const unmanagedVersion = byName(entities, 'support-summarizer-v2');
    expect(unmanagedVersion.metadata.tags).toEqual([
      'confidential',
      'llama',
      'unmanaged',
    ]);
    expect(unmanagedVersion.metadata.labels).toEqual({
      'bedrock-models.io/managed': 'false',
      'bedrock-models.io/status': 'ready',
    });
    // One managed version: the model is managed.
    const mixed = byName(entities, 'support-summarizer');
    expect(mixed.metadata.tags).toEqual(['confidential', 'llama']);
    expect(mixed.metadata.labels).toEqual({
      'bedrock-models.io/managed': 'true',
    });

    const discoveredModel = byName(entities, 'legacy-faq-bot');
    expect(discoveredModel.metadata).toMatchObject({
      title: 'legacy-faq-bot',
      tags: ['internal', 'mistral', 'unmanaged'],
      labels: { 'bedrock-models.io/managed': 'false' },
    });
    expect(discoveredModel.metadata).not.toHaveProperty('description');
    expect(discoveredModel.spec).toEqual({
      type: 'ai-model',
      owner: 'group:default/ml-platform',
    });
    const discoveredVersion = byName(entities, 'legacy-faq-bot-v1');
    expect(discoveredVersion.spec).toEqual({
      type: 'ai-model-version',
      owner: 'group:default/ml-platform',
      dependencyOf: ['resource:default/legacy-faq-bot'],
    });
    expect(discoveredVersion.metadata.annotations).not.toHaveProperty(
      'bedrock-models.io/job-arn',
    );
    expect(discoveredVersion.metadata.annotations).toMatchObject({
      'aws.amazon.com/region': 'us-west-2',
      'bedrock-models.io/imported-model-name': 'legacy-faq-bot',
    });
  });

  it('keeps a failed version with its job and failure, and nothing that points at a model in AWS', () => {
    const entities = entitiesOf({
      models: [aModel()],
      versions: [
        aVersion({
          number: 4,
          status: 'failed',
          importedModelArn: undefined,
          importedModelName: undefined,
          architecture: undefined,
          failureMessage: 'The tokenizer files are missing.',
        }),
      ],
      pointers: [],
    });

    const failed = byName(entities, 'support-summarizer-v4');
    expect(failed.metadata.description).toBe(
      'Version 4 of support-summarizer in us-east-1 (account 123456789012), failed. Import failed: The tokenizer files are missing.',
    );
    expect(failed.metadata.tags).toEqual(['confidential']);
    expect(failed.metadata.labels).toEqual({
      'bedrock-models.io/managed': 'true',
      'bedrock-models.io/status': 'failed',
    });
    const annotations = failed.metadata.annotations!;
    expect(annotations).toMatchObject({
      'bedrock-models.io/status': 'failed',
      'bedrock-models.io/job-arn':
        'arn:aws:bedrock:us-east-1:123456789012:model-import-job/jobjobjob004',
      'bedrock-models.io/failure-message': 'The tokenizer files are missing.',
    });
    for (const key of [
      'bedrock-models.io/arn',
      'aws.amazon.com/arn',
      'aws.amazon.com/region',
      'bedrock-models.io/pointers',
    ]) {
      expect(annotations).not.toHaveProperty([key]);
    }
    expect(failed.metadata.links!.map(l => l.title)).toEqual([
      'Bedrock models portal',
    ]);
  });

  it.each(['retired', 'deleted'] as const)(
    'keeps a %s version and its ARN for the record, but not the AWS annotations other plugins would look up',
    status => {
      const entities = entitiesOf({
        models: [aModel()],
        versions: [aVersion({ number: 1, status })],
        pointers: [],
      });

      const gone = byName(entities, 'support-summarizer-v1');
      expect(gone.metadata.labels).toMatchObject({
        'bedrock-models.io/status': status,
      });
      expect(gone.metadata.annotations).toMatchObject({
        'bedrock-models.io/status': status,
        'bedrock-models.io/arn':
          'arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefgh0001',
      });
      expect(gone.metadata.annotations).not.toHaveProperty([
        'aws.amazon.com/arn',
      ]);
      expect(gone.metadata.annotations).not.toHaveProperty([
        'aws.amazon.com/region',
      ]);
      expect(gone.metadata.links!.map(l => l.title)).toEqual([
        'Bedrock models portal',
      ]);
      expect(gone.spec?.dependencyOf).toEqual([
        'resource:default/support-summarizer',
      ]);
    },
  );

  it('gives each model its own versions and pointers, and drops records of unknown models', () => {
    const entities = entitiesOf({
      models: [aModel({ name: 'a' }), aModel({ name: 'b' })],
      versions: [
        aVersion({ modelName: 'b', number: 1 }),
        aVersion({ modelName: 'a', number: 1 }),
        aVersion({ modelName: 'b', number: 2 }),
        aVersion({ modelName: 'ghost', number: 1 }),
      ],
      pointers: [aPointer('production', 'us-east-1', 2, 'b')],
    });

    expect(entities.map(e => e.metadata.name)).toEqual([
      'a',
      'a-v1',
      'b',
      'b-v1',
      'b-v2',
    ]);
    expect(byName(entities, 'a').metadata.annotations).not.toHaveProperty([
      'bedrock-models.io/production.us-east-1',
    ]);
    expect(byName(entities, 'b').metadata.annotations).toMatchObject({
      'bedrock-models.io/production.us-east-1': '2',
    });
    expect(byName(entities, 'b-v2').metadata.annotations).toMatchObject({
      'bedrock-models.io/pointers': 'production',
    });
    expect(byName(entities, 'b-v1').metadata.annotations).not.toHaveProperty([
      'bedrock-models.io/pointers',
    ]);
  });

  it('leaves out a version entity whose name a model already has, and says which', () => {
    const inventory: RegistryInventory = {
      models: [aModel({ name: 'chat' }), aModel({ name: 'chat-v1' })],
      versions: [
        aVersion({ modelName: 'chat', number: 1 }),
        aVersion({ modelName: 'chat', number: 2 }),
      ],
      pointers: [],
    };

    const full = mapper.fromInventory(inventory);
    expect(full.entities.map(e => e.entity.metadata.name)).toEqual([
      'chat',
      'chat-v2',
      'chat-v1',
    ]);
    expect(
      byName(
        full.entities.map(e => e.entity),
        'chat-v1',
      ).spec?.type,
    ).toBe('ai-model');
    expect(full.nameConflicts).toEqual(['chat-v1']);

    const delta = mapper.fromModel(
      {
        model: inventory.models[0],
        versions: inventory.versions,
        pointers: [],
      },
      new Set(['chat', 'chat-v1']),
    );
    expect(delta.entities.map(e => e.entity.metadata.name)).toEqual([
      'chat',
      'chat-v2',
    ]);
    expect(delta.nameConflicts).toEqual(['chat-v1']);
  });

  it('maps one model the same way for a delta as for a full mutation', () => {
    const records = {
      model: aModel(),
      versions: [aVersion({ number: 1 }), aVersion({ number: 2 })],
      pointers: [aPointer('production', 'us-east-1', 2)],
    };

    expect(mapper.fromModel(records)).toEqual(
      mapper.fromInventory({
        models: [records.model],
        versions: records.versions,
        pointers: records.pointers,
      }),
    );
  });

  it('links to the portal by path when the app base URL is not configured', () => {
    const relative = new ModelEntityMapper({
      backendBaseUrl: `${BACKEND}/`,
      locationKey: 'bedrock-models',
    });
    const [model] = relative.fromModel({
      model: aModel(),
      versions: [],
      pointers: [],
    }).entities;

    expect(model.entity.metadata.links).toEqual([
      {
        url: '/catalog/default/resource/support-summarizer/bedrock',
        title: 'Bedrock models portal',
        icon: 'dashboard',
      },
    ]);
    expect(model.entity.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': `url:${BACKEND}/models/support-summarizer`,
    });
  });

  it('gives only entities the catalog accepts, for every status and edge of the input', async () => {
    const longName = `m${'-x'.repeat(24)}9`; // 50 characters, the longest model name
    const entities = entitiesOf({
      models: [
        aModel(),
        aModel({
          name: longName,
          title: undefined,
          description: undefined,
          system: undefined,
          classification: 'PHI / Restricted',
          tags: ['', '---', 'Ünïcode tag', 'a'.repeat(80), 'c++', 'dup', 'dup'],
          lineage: { baseModel: 'x', trainingDataUri: 's3://b/p/' },
        }),
      ],
      versions: [
        ...(
          ['importing', 'ready', 'failed', 'retired', 'deleted'] as const
        ).map((status, i) =>
          aVersion({
            number: i + 1,
            status,
            managed: i % 2 === 0,
            ...(status === 'importing' ? { importedModelArn: undefined } : {}),
          }),
        ),
        aVersion({
          modelName: longName,
          number: 1000,
          region: 'eu-central-1',
          architecture: 'Qwen2ForCausalLM',
          failureMessage: 'multi\nline: "quoted" message',
        }),
      ],
      pointers: [
        aPointer('production', 'us-east-1', 2),
        aPointer('staging', 'eu-central-1', 1000, longName),
      ],
    });

    // The check itself refuses what the catalog refuses.
    const [sample] = entities;
    await expect(
      expectAcceptedByCatalog({
        ...sample,
        metadata: { ...sample.metadata, tags: ['Not A Tag'] },
      }),
    ).rejects.toThrow(/tags/);
    await expect(
      expectAcceptedByCatalog({
        ...sample,
        spec: { type: 'ai-model' },
      }),
    ).rejects.toThrow(/owner/);

    expect(entities).toHaveLength(8);
    expect(byName(entities, longName).metadata.tags).toEqual([
      'phi-restricted',
      'qwen2forcausallm',
      'n-code-tag',
      'a'.repeat(63),
      'c++',
      'dup',
    ]);
    for (const entity of entities) {
      await expectAcceptedByCatalog(entity);
    }
  });
});

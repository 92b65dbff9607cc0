import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  EntityLink,
} from '@backstage/catalog-model';
import { DeferredEntity } from '@backstage/plugin-catalog-node';
import {
  AI_MODEL_ENTITY_TYPE,
  AI_MODEL_VERSION_ENTITY_TYPE,
  AliasPointer,
  Model,
  modelEntityRef,
  ModelVersion,
  RegistryInventory,
  versionEntityName,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  importedModelConsoleLink,
  importedModelsConsoleLink,
} from './awsConsoleLinks';
import { catalogTags, toCatalogTag } from './catalogNames';
import {
  ModelEntityKeys as Keys,
  pointerAnnotation,
  UNMANAGED_TAG,
} from './entityAnnotations';

/** Where the mapped entities point: the portal for people, the backend API as their location. */
export type ModelEntityMapperOptions = {
  /** The portal's base URL (`app.baseUrl`); portal links are relative when it is absent. */
  appBaseUrl?: string;
  /** External base URL of the bedrock-models backend API (`.../api/bedrock-models`). */
  backendBaseUrl: string;
  /** Location key of every entity, so another source cannot silently take them over. */
  locationKey: string;
};

/** A model with its versions and pointers: one unit of mapping. */
export type ModelRecords = {
  model: Model;
  versions: ModelVersion[];
  pointers: AliasPointer[];
};

/** The entities of a mapping, and the version entities left out because a model already has their name. */
export type EntityMapping = {
  entities: DeferredEntity[];
  /** Names of version entities skipped: a model named `<model>-v<N>` exists and keeps the name. */
  nameConflicts: string[];
};

/** What a model's entity and its versions' entities have in common. */
type SharedParts = {
  location: string;
  portalLink: EntityLink;
  classificationTag?: string;
  dependencyOf: string[];
};

/** States in which the imported model no longer exists in AWS. */
const GONE_FROM_AWS = new Set(['retired', 'deleted']);

/**
 * Maps registry models and versions to catalog Resource entities. Pure: no I/O, the same input
 * always gives the same entities (the catalog skips unchanged ones by their hash).
 */
export class ModelEntityMapper {
  private readonly portalBase: string;
  private readonly locationBase: string;
  private readonly tagCache = new Map<string, string | undefined>();

  constructor(private readonly options: ModelEntityMapperOptions) {
    const trimmed = (url: string) => url.replace(/\/+$/, '');
    this.portalBase = `${trimmed(
      options.appBaseUrl ?? '',
    )}/catalog/default/resource`;
    this.locationBase = `url:${trimmed(options.backendBaseUrl)}/models`;
  }

  /** Every model and version of the registry: the entities of a full mutation. */
  fromInventory(inventory: RegistryInventory): EntityMapping {
    // Grouped once so the mapping stays linear in the number of versions.
    const byModel = new Map<string, ModelRecords>();
    for (const model of inventory.models) {
      byModel.set(model.name, { model, versions: [], pointers: [] });
    }
    for (const version of inventory.versions) {
      byModel.get(version.modelName)?.versions.push(version);
    }
    for (const pointer of inventory.pointers) {
      byModel.get(pointer.modelName)?.pointers.push(pointer);
    }
    const modelNames = new Set(byModel.keys());
    const mapping: EntityMapping = { entities: [], nameConflicts: [] };
    for (const records of byModel.values()) {
      this.mapModel(records, modelNames, mapping);
    }
    return mapping;
  }

  /**
   * One model and its versions: the entities of a delta mutation. `modelNames` are the models
   * known elsewhere, so a version entity never takes the name of another model's entity.
   */
  fromModel(
    records: ModelRecords,
    modelNames: ReadonlySet<string> = new Set(),
  ): EntityMapping {
    const mapping: EntityMapping = { entities: [], nameConflicts: [] };
    this.mapModel(records, modelNames, mapping);
    return mapping;
  }

  private mapModel(
    { model, versions, pointers }: ModelRecords,
    modelNames: ReadonlySet<string>,
    mapping: EntityMapping,
  ) {
    const aliasesByVersion = new Map<string, string[]>();
    for (const pointer of pointers) {
      const key = `${pointer.region}/${pointer.version}`;
      const aliases = aliasesByVersion.get(key) ?? [];
      aliases.push(pointer.alias);
      aliasesByVersion.set(key, aliases);
    }
    const shared = this.sharedParts(model);
    mapping.entities.push(
      this.deferred(this.modelEntity(model, versions, pointers, shared)),
    );
    for (const version of versions) {
      const name = versionEntityName(model.name, version.number);
      if (modelNames.has(name)) {
        mapping.nameConflicts.push(name);
        continue;
      }
      const aliases =
        aliasesByVersion.get(`${version.region}/${version.number}`) ?? [];
      mapping.entities.push(
        this.deferred(this.versionEntity(model, version, aliases, shared)),
      );
    }
  }

  // Worked out once per model rather than once per version.
  private sharedParts(model: Model): SharedParts {
    const path = `/${encodeURIComponent(model.name)}`;
    return {
      location: `${this.locationBase}${path}`,
      portalLink: {
        // The model's Bedrock tab: pointers, versions, promote and roll back.
        url: `${this.portalBase}${path}/bedrock`,
        title: 'Bedrock models portal',
        icon: 'dashboard',
      },
      classificationTag: this.tagOf(model.classification),
      dependencyOf: [modelEntityRef(model.name)],
    };
  }

  private modelEntity(
    model: Model,
    versions: ModelVersion[],
    pointers: AliasPointer[],
    shared: SharedParts,
  ): Entity {
    const unmanaged = versions.length > 0 && versions.every(v => !v.managed);
    const regions = [...new Set(versions.map(v => v.region))].sort();
    const annotations: Record<string, string> = {
      [ANNOTATION_LOCATION]: shared.location,
      [ANNOTATION_ORIGIN_LOCATION]: shared.location,
      [Keys.model]: model.name,
      [Keys.classification]: model.classification,
    };
    setIfPresent(annotations, Keys.baseModel, model.lineage?.baseModel);
    setIfPresent(
      annotations,
      Keys.trainingData,
      model.lineage?.trainingDataUri,
    );
    for (const pointer of pointers) {
      annotations[pointerAnnotation(pointer.alias, pointer.region)] = String(
        pointer.version,
      );
    }
    const links: EntityLink[] = [
      shared.portalLink,
      ...regions.map(importedModelsConsoleLink),
    ];
    if (model.lineage?.evaluationReportUrl) {
      links.push({
        url: model.lineage.evaluationReportUrl,
        title: 'Evaluation report',
        icon: 'docs',
      });
    }
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: model.name,
        title: model.title || model.name,
        ...(model.description ? { description: model.description } : {}),
        tags: catalogTags([
          model.classification,
          ...[...new Set(versions.map(v => v.architecture))].sort(),
          ...(model.tags ?? []),
          unmanaged ? UNMANAGED_TAG : undefined,
        ]),
        labels: { [Keys.managed]: String(!unmanaged) },
        annotations,
        links,
      },
      spec: {
        type: AI_MODEL_ENTITY_TYPE,
        owner: model.owner,
        ...(model.system ? { system: model.system } : {}),
      },
    };
  }

  private versionEntity(
    model: Model,
    version: ModelVersion,
    aliases: string[],
    shared: SharedParts,
  ): Entity {
    const location = `${shared.location}/versions/${version.number}`;
    const annotations: Record<string, string> = {
      [ANNOTATION_LOCATION]: location,
      [ANNOTATION_ORIGIN_LOCATION]: location,
      [Keys.model]: model.name,
      [Keys.version]: String(version.number),
      [Keys.status]: version.status,
      [Keys.account]: version.accountId,
      [Keys.region]: version.region,
    };
    setIfPresent(annotations, Keys.arn, version.importedModelArn);
    setIfPresent(
      annotations,
      Keys.importedModelName,
      version.importedModelName,
    );
    setIfPresent(annotations, Keys.jobArn, version.jobArn);
    setIfPresent(annotations, Keys.failureMessage, version.failureMessage);
    if (aliases.length) {
      annotations[Keys.pointers] = [...aliases].sort().join(',');
    }
    const links: EntityLink[] = [shared.portalLink];
    // Other AWS plugins would look up a model that is gone: the ARN is theirs only while it exists.
    const awsArn = GONE_FROM_AWS.has(version.status)
      ? undefined
      : version.importedModelArn;
    if (awsArn) {
      annotations[Keys.awsArn] = awsArn;
      annotations[Keys.awsRegion] = version.region;
      links.push(importedModelConsoleLink(version.region, awsArn));
    }
    const tags: string[] = [];
    for (const tag of [
      shared.classificationTag,
      version.architecture ? this.tagOf(version.architecture) : undefined,
      version.managed ? undefined : UNMANAGED_TAG,
    ]) {
      if (tag && !tags.includes(tag)) tags.push(tag);
    }
    const failure =
      version.status === 'failed' && version.failureMessage
        ? ` Import failed: ${version.failureMessage}`
        : '';
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: versionEntityName(model.name, version.number),
        title: `${model.title || model.name} v${version.number}`,
        description: `Version ${version.number} of ${model.name} in ${version.region} (account ${version.accountId}), ${version.status}.${failure}`,
        tags,
        labels: {
          [Keys.managed]: String(version.managed),
          [Keys.status]: version.status,
        },
        annotations,
        links,
      },
      spec: {
        type: AI_MODEL_VERSION_ENTITY_TYPE,
        owner: model.owner,
        ...(model.system ? { system: model.system } : {}),
        dependencyOf: shared.dependencyOf,
      },
    };
  }

  // Classifications and architectures repeat across thousands of entities: each becomes a tag once.
  private tagOf(text: string): string | undefined {
    if (!this.tagCache.has(text)) this.tagCache.set(text, toCatalogTag(text));
    return this.tagCache.get(text);
  }

  private deferred(entity: Entity): DeferredEntity {
    return { entity, locationKey: this.options.locationKey };
  }
}

/** Sets an annotation only when there is a value: the catalog wants strings, never undefined. */
function setIfPresent(
  annotations: Record<string, string>,
  key: string,
  value: string | undefined,
) {
  if (value) annotations[key] = value;
}

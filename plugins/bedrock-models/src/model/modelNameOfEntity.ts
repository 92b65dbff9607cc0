import type { Entity } from '@backstage/catalog-model';
import {
  BEDROCK_MODEL_NAME_ANNOTATION,
  BEDROCK_MODEL_VERSION_ANNOTATION,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** The registry model a catalog entity stands for: its annotation, else its name. */
export function modelNameOfEntity(entity: Entity): string {
  return (
    entity.metadata.annotations?.[BEDROCK_MODEL_NAME_ANNOTATION] ??
    entity.metadata.name
  );
}

/** The model and version number a version entity stands for; undefined when it names no version. */
export function versionOfEntity(
  entity: Entity,
): { modelName: string; version: number } | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const fromName = /^(.+)-v(\d+)$/.exec(entity.metadata.name);
  const modelName =
    annotations[BEDROCK_MODEL_NAME_ANNOTATION] ?? fromName?.[1] ?? undefined;
  const version = Number(
    annotations[BEDROCK_MODEL_VERSION_ANNOTATION] ?? fromName?.[2],
  );
  if (!modelName || !Number.isInteger(version) || version < 1) return undefined;
  return { modelName, version };
}

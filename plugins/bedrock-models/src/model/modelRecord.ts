import type { ModelDetails } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/**
 * The model as one self-describing record, for an export a reviewer can file: who owns it, its data
 * class, its lineage as entered at import (base model, training data and job, evaluation report), every
 * version with its ARN and S3 source, what each pointer names, and the recent moves.
 */
export function modelRecord(details: ModelDetails, exportedAt: string) {
  const { model } = details;
  return {
    exportedAt,
    model: {
      name: model.name,
      title: model.title,
      description: model.description,
      owner: model.owner,
      classification: model.classification,
      tags: model.tags,
      createdBy: model.createdBy,
      createdAt: model.createdAt,
    },
    lineage: {
      baseModel: model.lineage.baseModel ?? null,
      trainingDataUri: model.lineage.trainingDataUri ?? null,
      trainingJob: model.lineage.trainingJob ?? null,
      evaluationReportUrl: model.lineage.evaluationReportUrl ?? null,
    },
    versions: details.versions.map(v => ({
      number: v.number,
      accountId: v.accountId,
      region: v.region,
      status: v.status,
      importedModelArn: v.importedModelArn ?? null,
      importedModelName: v.importedModelName ?? null,
      s3Uri: v.s3Uri,
      architecture: v.architecture ?? null,
      managed: v.managed,
      createdBy: v.createdBy,
      createdAt: v.createdAt,
    })),
    pointers: details.pointers.map(p => ({
      alias: p.alias,
      region: p.region,
      version: p.version,
      parameterName: p.parameterName,
      updatedBy: p.updatedBy,
      updatedAt: p.updatedAt,
    })),
    recentMoves: details.recentHistory.map(m => ({
      at: m.at,
      kind: m.kind,
      alias: m.alias,
      region: m.region,
      fromVersion: m.fromVersion,
      toVersion: m.toVersion,
      actor: m.actor,
      reason: m.reason,
    })),
  };
}

import { createHash } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  checkArtifactSource,
  checkVersionClassification,
  ImportVersionRequest,
  ImportVersionResponse,
  parseS3Uri,
  ProductionVersion,
  ValidateArtifactsRequest,
  validateArtifacts,
  ValidationReport,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ArtifactReader } from '../aws/ArtifactReader';
import { RegistryConfig } from '../config/readRegistryConfig';
import { ImportRequestRecord, ImportStore } from '../database/ImportStore';
import { ModelStore } from '../database/ModelStore';
import { PointerStore } from '../database/PointerStore';
import { QuotaService } from './QuotaService';
import { ImportJobStarter } from './ImportJobStarter';
import { RegistryChanges } from './RegistryChanges';

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/** JSON with sorted keys, so the same request always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter(k => (value as Record<string, unknown>)[k] !== undefined)
      .map(
        k =>
          `${JSON.stringify(k)}:${canonicalJson(
            (value as Record<string, unknown>)[k],
          )}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Bedrock job names are at most 63 characters; the key's hash keeps them unique per request. */
export function importNamesFor(
  modelName: string,
  number: number,
  keyHash: string,
) {
  const importedModelName = `${modelName}-v${number}`;
  return {
    importedModelName,
    jobName: `${importedModelName.slice(0, 54)}-${keyHash.slice(0, 8)}`,
  };
}

/** Who asks for an import, and the key that makes a retry safe. */
export type ImportCaller = {
  actor: string;
  idempotencyKey: string;
  credentials: BackstageCredentials;
};

/** Checks artifacts and starts imports: the backend side of the import template. */
export class ImportService {
  constructor(
    private readonly deps: {
      artifacts: ArtifactReader;
      quotas: QuotaService;
      models: ModelStore;
      pointers: PointerStore;
      imports: ImportStore;
      starter: ImportJobStarter;
      catalog: CatalogService;
      changes: RegistryChanges;
      config: RegistryConfig;
      logger: LoggerService;
    },
  ) {}

  /**
   * Reports every problem of an artifact set: the source must be one the owner may import from (else
   * nothing is read), then the artifacts, quota headroom and residency policy; for a version of an
   * existing model (`modelName`), a change of architecture from what its production alias serves.
   */
  async validate(
    request: ValidateArtifactsRequest & { owner: string },
  ): Promise<ValidationReport> {
    const parsed = parseS3Uri(request.s3Uri);
    if ('problem' in parsed) throw new InputError(parsed.problem);
    const source = checkArtifactSource({
      s3Uri: request.s3Uri,
      accountId: request.accountId,
      ownerRef: request.owner,
      rules: this.deps.config.sources,
    });
    const [listing, quotas, production] = await Promise.all([
      source.allowed
        ? this.deps.artifacts.read(
            parsed.location,
            request.accountId,
            request.region,
          )
        : { objects: [] },
      this.deps.quotas.report(request.accountId, request.region),
      request.modelName ? this.productionOf(request.modelName) : [],
    ]);
    const quotasKnown =
      quotas.importedModels.limit !== undefined &&
      quotas.concurrentImportJobs.limit !== undefined;
    return validateArtifacts({
      s3Uri: request.s3Uri,
      region: request.region,
      classification: request.classification,
      listing,
      sourceProblem: source.allowed ? undefined : source.problem,
      quotas: quotasKnown
        ? {
            importedModels: quotas.importedModels,
            concurrentImportJobs: quotas.concurrentImportJobs,
          }
        : undefined,
      dataResidency: this.deps.config.dataResidency,
      production,
    });
  }

  /** The versions a model's production alias (the first configured alias) names, in every Region. */
  private async productionOf(modelName: string): Promise<ProductionVersion[]> {
    const alias = this.deps.config.aliases[0];
    const [pointers, versions] = await Promise.all([
      this.deps.pointers.listPointers(modelName),
      this.deps.models.listVersions(modelName),
    ]);
    return pointers
      .filter(p => p.alias === alias)
      .map(p => ({
        modelName,
        alias,
        region: p.region,
        version: p.version,
        architecture: versions.find(v => v.number === p.version)?.architecture,
      }));
  }

  private hashes(
    modelName: string,
    request: ImportVersionRequest,
    caller: { actor: string; idempotencyKey: string },
  ) {
    return {
      keyHash: sha256(
        `${caller.actor}\n${modelName}\n${caller.idempotencyKey}`,
      ),
      requestHash: sha256(canonicalJson(request)),
    };
  }

  /** The answer to an earlier request with this key, when there was one (same body) or a 409 (other body). */
  async earlierAnswer(
    modelName: string,
    request: ImportVersionRequest,
    caller: { actor: string; idempotencyKey: string },
  ): Promise<ImportVersionResponse | undefined> {
    const { keyHash, requestHash } = this.hashes(modelName, request, caller);
    const earlier = await this.deps.imports.findImportRequest(keyHash);
    return earlier ? this.answerRetry(earlier, requestHash, caller) : undefined;
  }

  /**
   * Starts an import of a new version (creating the model when new). The caller's Idempotency-Key
   * makes it safe to retry: the same key answers with the same version and never starts a second job.
   * Who may own a new model and who may raise a classification is checked before (the authorizing layer).
   */
  async importVersion(
    modelName: string,
    request: ImportVersionRequest,
    caller: ImportCaller,
  ): Promise<ImportVersionResponse> {
    const { models, imports, starter, config } = this.deps;
    const { keyHash, requestHash } = this.hashes(modelName, request, caller);

    const earlier = await imports.findImportRequest(keyHash);
    if (earlier) return this.answerRetry(earlier, requestHash, caller);

    const model = await models.getModel(modelName);
    let raiseClassificationTo: string | undefined;
    if (model) {
      const check = checkVersionClassification({
        modelName,
        model: model.classification,
        requested: request.classification,
        order: config.classifications,
      });
      if (check.kind === 'lower') throw new InputError(check.message);
      if (check.kind === 'raise') raiseClassificationTo = check.to;
    } else {
      await this.checkNewModelOwner(modelName, request, caller.credentials);
    }
    const account = config.accounts.find(
      a => a.accountId === request.accountId,
    );
    if (!account?.importRoleArn) {
      throw new ServiceUnavailableError(
        `Imports into account ${request.accountId} are not set up: the portal admins must set bedrockModels.accounts[].importRoleArn.`,
      );
    }
    const owner = model?.owner ?? request.owner!;
    const report = await this.validate({ ...request, owner });
    if (!report.valid) {
      throw new InputError(
        `The artifacts at ${request.s3Uri} cannot be imported: ${report.errors
          .map((e, i) => `(${i + 1}) ${e.message}`)
          .join(' ')}`,
      );
    }

    const recorded = await imports.recordImport({
      keyHash,
      requestHash,
      newModel: model
        ? undefined
        : {
            name: modelName,
            owner,
            title: request.title,
            description: request.description,
            system: request.system,
            classification: request.classification,
            lineage: request.lineage ?? {},
            tags: request.tags ?? [],
            createdBy: caller.actor,
          },
      raiseClassificationTo,
      version: {
        modelName,
        accountId: request.accountId,
        region: request.region,
        s3Uri: request.s3Uri,
        createdBy: caller.actor,
      },
      namesFor: number => importNamesFor(modelName, number, keyHash),
      clientRequestToken: keyHash,
      // The request starts the job itself; the tracker steps in only if it has not after one interval.
      firstCheckAt: new Date(
        Date.now() + config.imports.pollIntervalSeconds * 1000,
      ),
    });
    if (recorded.kind === 'model-created-meanwhile') {
      throw new ConflictError(
        `Model ${modelName} was just created by another request; send this import again to add a version to it.`,
      );
    }
    if (recorded.kind === 'number-contended') {
      throw new ConflictError(
        'Too many imports of this model at once took the same version number; send the import again.',
      );
    }
    if (recorded.kind === 'earlier') {
      // A concurrent request with the same key won the race.
      return this.answerRetry(recorded.record, requestHash, caller);
    }
    const version = (await models.getVersion(
      modelName,
      recorded.record.versionNumber,
    ))!;
    const started = await starter.start(version, keyHash, 0);
    this.deps.changes.announce({
      kind: 'version-changed',
      modelName,
      version: started.number,
      status: started.status,
    });
    this.deps.logger.info(
      `Import of ${modelName} v${version.number} by ${caller.actor}: ${
        started.jobArn ?? started.lastCheckError ?? started.status
      }`,
    );
    return { version: started, created: true };
  }

  private async answerRetry(
    earlier: ImportRequestRecord,
    requestHash: string,
    caller: { idempotencyKey: string },
  ): Promise<ImportVersionResponse> {
    if (earlier.requestHash !== requestHash) {
      throw new ConflictError(
        `Idempotency-Key "${caller.idempotencyKey}" was already used for a different import (version ${earlier.versionNumber} of ${earlier.modelName}). Use a new key for a new import.`,
      );
    }
    const version = await this.deps.models.getVersion(
      earlier.modelName,
      earlier.versionNumber,
    );
    return { version: version!, created: false };
  }

  /** A new model needs an owner the catalog knows, so the model's entity resolves. */
  private async checkNewModelOwner(
    modelName: string,
    request: ImportVersionRequest,
    credentials: BackstageCredentials,
  ) {
    if (!request.owner) {
      throw new InputError(
        `Model ${modelName} is new: give its owner (a catalog Group or User, e.g. group:default/support-ml).`,
      );
    }
    const owner = await this.deps.catalog.getEntityByRef(request.owner, {
      credentials,
    });
    if (!owner || !['group', 'user'].includes(owner.kind.toLowerCase())) {
      throw new InputError(
        `Owner ${request.owner} is not a Group or User in the catalog. Pick an existing team or person.`,
      );
    }
  }
}

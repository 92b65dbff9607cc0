import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  BEDROCK_MODEL_RESOURCE_TYPE,
  bedrockModelImportPermission,
  bedrockModelPromotePermission,
  BedrockModelsChangeEvent,
  governanceReportCsv,
  PortalSettings,
  bedrockModelReadPermission,
  bedrockModelRetirePermission,
  checkRetirement,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import express, { Request } from 'express';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { loadOpenApiSpec } from './openApiSpec';
import { DeleteImportedModelCommand } from '@aws-sdk/client-bedrock';
import { AwsClients } from './aws/AwsClients';
import { CostService } from './cost/CostService';
import { ImportService } from './imports/ImportService';
import { QuotaService } from './quotas/QuotaService';
import { GovernanceReportService } from './report/GovernanceReportService';
import { parameterNameFor, RegistryConfig } from './config/readRegistryConfig';
import { DatabaseHealthCheck } from './database/DatabaseHealthCheck';
import {
  DatabaseRegistryStore,
  PointerMoveRequest,
} from './database/DatabaseRegistryStore';
import {
  aliasParam,
  costQuery,
  idempotencyKeyHeader,
  importBody,
  modelNameParam,
  quotasQuery,
  reportQuery,
  validateBody,
  modelSearchQuery,
  versionParam,
  retireBody,
  parseInput,
  pointerQuery,
  promoteBody,
  rollbackBody,
} from './registryRequests';

/** What the router needs. */
export type RouterOptions = {
  healthCheck: DatabaseHealthCheck;
  store: DatabaseRegistryStore;
  config: RegistryConfig;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** Tells users from services: pointers move only on behalf of a user. */
  auth: AuthService;
  /** The AWS layer, for retiring versions (DeleteImportedModel). */
  clients: AwsClients;
  /** Artifact validation and imports. */
  imports: ImportService;
  quotas: QuotaService;
  cost: CostService;
  report: GovernanceReportService;
  /** Called after every change: publish to SSM at once, announce it on the events service. */
  onChange?: (event: BedrockModelsChangeEvent) => void;
};

/** Builds the plugin's REST API (mounted at /api/bedrock-models). */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { healthCheck, store, config, httpAuth, permissions, auditor, auth } =
    options;
  // Requests are checked against the OpenAPI document first (shapes, types, lengths); the handlers then
  // check what depends on configuration (managed Regions, aliases, classifications).
  // Used as a plain express router: its route typing comes from a generated spec, which we do not generate.
  const router: express.Router = createValidatedOpenApiRouter(
    loadOpenApiSpec(),
    { middleware: [express.json({ limit: '100kb' })] },
  ) as unknown as express.Router;

  router.get('/health', async (_req, res) => {
    res.json(await healthCheck.check());
  });

  // Authenticates first, so a caller without a token gets 401 before any other answer.
  const callerOf = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  // Refuses with 403 and why, unless the policy allows the caller this permission on the model.
  async function authorize(
    credentials: BackstageCredentials,
    permission: ResourcePermission<typeof BEDROCK_MODEL_RESOURCE_TYPE>,
    modelName: string,
  ) {
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: modelName }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not ${
          permission.attributes.action === 'read'
            ? 'read'
            : 'move the pointers of'
        } model ${modelName}: only its owners and the portal admins may.`,
      );
    }
    return credentials;
  }

  async function requireModel(name: string) {
    const model = await store.getModel(name);
    if (!model) throw new NotFoundError(`There is no model named ${name}.`);
    return model;
  }

  router.get('/models', async (req, res) => {
    const credentials = await callerOf(req);
    const query = parseInput(modelSearchQuery(config), req.query, 'query');
    await authorize(credentials, bedrockModelReadPermission, '*');
    res.json(
      await store.searchModels({
        text: query.q,
        owner: query.owner,
        accountId: query.account,
        region: query.region,
        architecture: query.architecture,
        classification: query.classification,
        alias: query.alias,
        aliasState: query.aliasState,
        sort: query.sort,
        order: query.order,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  });

  // Refuses with 403 and why, unless the policy allows the caller a permission that names no model.
  async function authorizeBasic(
    credentials: BackstageCredentials,
    permission: BasicPermission,
    what: string,
  ) {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You may not ${what}.`);
    }
  }

  router.get('/settings', async (req, res) => {
    await callerOf(req);
    const settings: PortalSettings = {
      accounts: config.accounts.map(a => ({
        accountId: a.accountId,
        regions: a.regions,
      })),
      aliases: config.aliases,
      classifications: config.classifications,
      ssmParameterPrefix: config.ssmParameterPrefix,
      prices: config.pricing,
    };
    res.json(settings);
  });

  router.post('/validate', async (req, res) => {
    const credentials = await callerOf(req);
    const body = parseInput(validateBody(config), req.body, 'body');
    await authorizeBasic(
      credentials,
      bedrockModelImportPermission,
      'import models',
    );
    res.json(await options.imports.validate(body));
  });

  router.post('/models/:model/versions', async (req, res) => {
    const credentials = await callerOf(req);
    const name = modelNameParam(req.params.model);
    const body = parseInput(importBody(config), req.body, 'body');
    const idempotencyKey = parseInput(
      idempotencyKeyHeader,
      req.header('idempotency-key'),
      'Idempotency-Key header',
    );
    if (!auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        'Imports are made on behalf of a user: call with a user token (or on behalf of one), not service credentials alone.',
      );
    }
    await authorizeBasic(
      credentials,
      bedrockModelImportPermission,
      'import models',
    );
    const actor = credentials.principal.userEntityRef;
    const retry = await options.imports.earlierAnswer(name, body, {
      actor,
      idempotencyKey,
    });
    if (retry) {
      // The caller's own earlier request (the key is scoped to them): the same answer, even if the
      // model it created is owned by a team they are not in.
      res.status(202).json(retry);
      return;
    }
    if (await store.getModel(name)) {
      // Adding a version to an existing model is for the people who may move its pointers.
      const [decision] = await permissions.authorize(
        [{ permission: bedrockModelPromotePermission, resourceRef: name }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `You may not add versions to model ${name}: only its owners and the portal admins may.`,
        );
      }
    }
    const event = await auditor.createEvent({
      eventId: 'model-import',
      severityLevel: 'medium',
      request: req,
      meta: {
        model: name,
        s3Uri: body.s3Uri,
        account: body.accountId,
        region: body.region,
      },
    });
    try {
      const result = await options.imports.importVersion(name, body, {
        actor,
        idempotencyKey,
        credentials,
      });
      await event.success({
        meta: {
          version: result.version.number,
          created: result.created,
          jobArn: result.version.jobArn,
        },
      });
      if (result.created) {
        options.onChange?.({
          kind: 'version-changed',
          modelName: name,
          version: result.version.number,
          status: result.version.status,
        });
      }
      res.status(202).json(result);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/models/:model/cost', async (req, res) => {
    const credentials = await callerOf(req);
    const name = modelNameParam(req.params.model);
    const { from, to } = parseInput(costQuery(new Date()), req.query, 'query');
    await requireModel(name);
    await authorize(credentials, bedrockModelReadPermission, name);
    res.json(await options.cost.modelCost(name, from, to));
  });

  router.get('/quotas', async (req, res) => {
    const credentials = await callerOf(req);
    const { accountId, region } = parseInput(
      quotasQuery(config),
      req.query,
      'query',
    );
    await authorize(credentials, bedrockModelReadPermission, '*');
    res.json(await options.quotas.report(accountId, region));
  });

  router.get('/report', async (req, res) => {
    const credentials = await callerOf(req);
    const { format } = parseInput(reportQuery, req.query, 'query');
    await authorize(credentials, bedrockModelReadPermission, '*');
    const report = await options.report.report();
    if (format === 'csv') {
      res
        .type('text/csv')
        .attachment('bedrock-models-report.csv')
        .send(governanceReportCsv(report.rows));
      return;
    }
    res.json(report);
  });

  router.get('/inventory', async (req, res) => {
    const credentials = await callerOf(req);
    await authorize(credentials, bedrockModelReadPermission, '*');
    res.json(await store.inventory());
  });

  router.get('/models/:model', async (req, res) => {
    const credentials = await callerOf(req);
    const name = modelNameParam(req.params.model);
    await requireModel(name);
    await authorize(credentials, bedrockModelReadPermission, name);
    const [model, versions, pointers, publishStates, recentHistory, sync] =
      await Promise.all([
        store.getModel(name),
        store.listVersions(name),
        store.listPointers(name),
        store.publishStates(name),
        store.recentHistory(name, 20),
        options.report.syncStates(),
      ]);
    // Discovery's state where this model has versions: the page warns when AWS could not be listed there.
    const targets = new Set(versions.map(v => `${v.accountId}|${v.region}`));
    res.json({
      model,
      versions,
      pointers,
      publishStates,
      recentHistory,
      sync: sync.filter(s => targets.has(`${s.accountId}|${s.region}`)),
    });
  });

  router.get('/models/:model/versions/:version', async (req, res) => {
    const credentials = await callerOf(req);
    const name = modelNameParam(req.params.model);
    const number = versionParam(req.params.version);
    await requireModel(name);
    await authorize(credentials, bedrockModelReadPermission, name);
    const version = await store.getVersion(name, number);
    if (!version)
      throw new NotFoundError(`Model ${name} has no version ${number}.`);
    res.json(version);
  });

  router.get('/models/:model/aliases/:alias/history', async (req, res) => {
    const credentials = await callerOf(req);
    const name = modelNameParam(req.params.model);
    const alias = aliasParam(config, req.params.alias);
    const { region, at } = parseInput(pointerQuery(config), req.query, 'query');
    await requireModel(name);
    await authorize(credentials, bedrockModelReadPermission, name);
    if (at) {
      res.json({
        modelName: name,
        alias,
        region,
        at: new Date(at).toISOString(),
        version: await store.pointerAt(name, alias, region, new Date(at)),
      });
      return;
    }
    res.json({ items: await store.pointerHistory(name, alias, region) });
  });

  async function move(
    req: Request,
    res: express.Response,
    kind: 'promote' | 'rollback',
  ) {
    const credentials = await callerOf(req);
    const name = modelNameParam(req.params.model);
    const alias = aliasParam(config, req.params.alias);
    const promoteInput =
      kind === 'promote'
        ? parseInput(promoteBody(config), req.body, 'body')
        : undefined;
    const body =
      promoteInput ?? parseInput(rollbackBody(config), req.body, 'body');
    await requireModel(name);
    // Backstage trusts service credentials in permission checks; moving a pointer needs a person to
    // answer for it, so services (pipelines, the scaffolder) must call on behalf of a user.
    if (!auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        'Pointers are moved on behalf of a user: call with a user token (or on behalf of one), not service credentials alone.',
      );
    }
    await authorize(credentials, bedrockModelPromotePermission, name);
    const actor = credentials.principal.userEntityRef;
    const event = await auditor.createEvent({
      eventId: kind === 'promote' ? 'alias-promote' : 'alias-rollback',
      severityLevel: 'medium',
      request: req,
      meta: {
        model: name,
        alias,
        region: body.region,
        requested: promoteInput?.version ?? 'previous',
      },
    });
    const request: PointerMoveRequest = {
      modelName: name,
      alias,
      region: body.region,
      actor,
      reason: body.reason,
      believedCurrent: body.expectedCurrentVersion,
      parameterName: parameterNameFor(config, name, alias),
      ...(promoteInput
        ? { kind: 'promote' as const, toVersion: promoteInput.version }
        : { kind: 'rollback' as const }),
    };
    try {
      const result = await store.movePointer(request);
      await event.success({
        meta: {
          before: result.move.fromVersion,
          after: result.move.toVersion,
          seq: result.move.seq,
        },
      });
      options.onChange?.({
        kind: 'pointer-moved',
        modelName: name,
        alias,
        region: body.region,
        fromVersion: result.move.fromVersion,
        toVersion: result.move.toVersion,
      });
      res.status(200).json(result);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  router.post('/models/:model/versions/:version/retire', async (req, res) => {
    const credentials = await callerOf(req);
    const name = modelNameParam(req.params.model);
    const number = versionParam(req.params.version);
    const { reason } = parseInput(retireBody, req.body, 'body');
    await requireModel(name);
    if (!auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        'Versions are retired on behalf of a user: call with a user token, not service credentials alone.',
      );
    }
    await authorize(credentials, bedrockModelRetirePermission, name);
    const event = await auditor.createEvent({
      eventId: 'version-retire',
      severityLevel: 'high',
      request: req,
      meta: { model: name, version: number, reason },
    });
    try {
      const before = await store.beginRetirement(
        name,
        number,
        (version, pointers) => {
          const check = checkRetirement({
            version,
            pointersNamingIt: pointers,
          });
          if (check.kind === 'conflict') throw new ConflictError(check.message);
          if (check.kind === 'invalid')
            throw new InputError(check.problems.join(' '));
        },
      );
      try {
        const bedrock = await options.clients.bedrock(
          before.accountId,
          before.region,
        );
        await bedrock.send(
          new DeleteImportedModelCommand({
            modelIdentifier: before.importedModelArn,
          }),
        );
      } catch (error) {
        if ((error as Error).name !== 'ResourceNotFoundException') {
          // AWS did not delete it: the version is still there, so put its status back and say so.
          await store.restoreRetiredVersion(name, number, before.status);
          throw new ServiceUnavailableError(
            `Bedrock did not delete ${before.importedModelArn}: ${
              (error as Error).message
            }. The version is unchanged; try again.`,
          );
        }
        // Already gone from AWS (retired twice, or deleted by hand): retired is right.
      }
      const after = await store.getVersion(name, number);
      options.onChange?.({
        kind: 'version-retired',
        modelName: name,
        version: number,
      });
      await event.success({
        meta: { before: before.status, after: after?.status ?? 'retired' },
      });
      res.json(after);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.post('/models/:model/aliases/:alias', (req, res) =>
    move(req, res, 'promote'),
  );
  router.post('/models/:model/aliases/:alias/rollback', (req, res) =>
    move(req, res, 'rollback'),
  );

  // Anything else: say what exists instead of an empty 404.
  router.use((req, _res, next) => {
    next(
      new NotFoundError(
        `There is no ${req.method} ${req.path} in the bedrock-models API; see /api/bedrock-models/openapi.json for its routes.`,
      ),
    );
  });

  return router;
}

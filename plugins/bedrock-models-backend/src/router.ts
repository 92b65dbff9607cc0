import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import { once } from 'node:events';
import { RegistryConfig } from './config/readRegistryConfig';
import { DatabaseHealthCheck } from './database/DatabaseHealthCheck';
import {
  aliasParam,
  costQuery,
  idempotencyKeyHeader,
  importBody,
  inventoryQuery,
  modelNameParam,
  modelSearchQuery,
  parseInput,
  pointerQuery,
  promoteBody,
  quotasQuery,
  reportQuery,
  attentionQuery,
  auditQuery,
  retireBody,
  rollbackBody,
  validateBody,
  versionParam,
} from './registryRequests';
import { createOpenApiRouter } from './schema/openapi';
import { ErrorReporter } from './service/ErrorReporter';
import { RegistryService } from './service/RegistryService';
import { internalErrorShield } from './internalErrorShield';
import { parameterErrorsInWords } from './parameterErrorsInWords';
import { addApprovalAndEvaluationRoutes } from './approvalAndEvaluationRoutes';
import { addKeepWarmRoutes } from './keepWarmRoutes';

/** Writes a chunk of a streamed answer, waiting while the client is slower than the database. */
async function write(res: express.Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await once(res, 'drain');
}

/** What the router needs. */
export type RouterOptions = {
  registry: RegistryService;
  healthCheck: DatabaseHealthCheck;
  config: RegistryConfig;
  httpAuth: HttpAuthService;
  errors: ErrorReporter;
};

/**
 * The plugin's REST API (mounted at /api/bedrock-models): each handler parses, calls the registry
 * service, and answers. Requests are checked against the OpenAPI document first (shapes, types,
 * lengths); the handlers then check what depends on configuration (managed Regions, aliases,
 * classifications).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { registry, config, httpAuth } = options;
  const router = await createOpenApiRouter({
    middleware: [express.json({ limit: '100kb' })],
    // Tests check every answer against the document too, so it cannot drift from what handlers send.
    validatorOptions: { validateResponses: process.env.NODE_ENV === 'test' },
  });

  // Authenticates first, so a caller without a token gets 401 before any other answer.
  type AnyRequest = Parameters<HttpAuthService['credentials']>[0];
  const caller = async (req: AnyRequest) => ({
    credentials: await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    }),
    request: req,
  });
  const model = (req: { params: { model: string } }) =>
    modelNameParam(req.params.model);

  router.get('/health', async (_req, res) => {
    res.json(await options.healthCheck.check());
  });

  router.get('/settings', async (req, res) => {
    res.json(await registry.getSettings(await caller(req)));
  });

  router.get('/models', async (req, res) => {
    const search = parseInput(modelSearchQuery(config), req.query, 'query');
    res.json(await registry.searchModels(search, await caller(req)));
  });

  router.post('/validate', async (req, res) => {
    const body = parseInput(validateBody(config), req.body, 'body');
    res.json(await registry.validateArtifacts(body, await caller(req)));
  });

  router.post('/models/:model/versions', async (req, res) => {
    const name = model(req);
    const body = parseInput(importBody(config), req.body, 'body');
    const idempotencyKey = parseInput(
      idempotencyKeyHeader,
      req.header('idempotency-key'),
      'Idempotency-Key header',
    );
    const call = { ...(await caller(req)), idempotencyKey };
    res.status(202).json(await registry.importVersion(name, body, call));
  });

  router.get('/models/:model/cost', async (req, res) => {
    const name = model(req);
    const period = parseInput(costQuery(new Date()), req.query, 'query');
    res.json(await registry.getModelCost(name, period, await caller(req)));
  });

  router.get('/quotas', async (req, res) => {
    const q = parseInput(quotasQuery(config), req.query, 'query');
    res.json(
      await registry.getQuotas(q.accountId, q.region, await caller(req)),
    );
  });

  router.get('/report', async (req, res) => {
    const query = parseInput(reportQuery, req.query, 'query');
    const call = await caller(req);
    if (query.format !== 'csv') {
      res.json(await registry.getReport(query.filters, query.paging, call));
      return;
    }
    res.type('text/csv').attachment('bedrock-models-report.csv');
    await registry.exportReportCsv(
      { filters: query.filters, order: query.order },
      chunk => write(res, chunk),
      call,
    );
    res.end();
  });

  router.get('/attention', async (req, res) => {
    const idleDays = parseInput(attentionQuery, req.query, 'query');
    res.json(await registry.getAttention(idleDays, await caller(req)));
  });

  router.get('/audit', async (req, res) => {
    const query = parseInput(auditQuery, req.query, 'query');
    const call = await caller(req);
    if (query.format !== 'csv') {
      res.json(await registry.getAuditTrail(query.filters, query.paging, call));
      return;
    }
    res.type('text/csv').attachment('bedrock-models-audit.csv');
    await registry.exportAuditCsv(
      query.filters,
      chunk => write(res, chunk),
      call,
    );
    res.end();
  });

  router.get('/report/facets', async (req, res) => {
    res.json(await registry.getReportFacets(await caller(req)));
  });

  router.get('/inventory', async (req, res) => {
    const { page } = parseInput(inventoryQuery, req.query, 'query');
    res.json(await registry.getInventory(page, await caller(req)));
  });

  router.get('/models/:model', async (req, res) => {
    res.json(await registry.getModel(model(req), await caller(req)));
  });

  router.get('/models/:model/versions/:version', async (req, res) => {
    const number = versionParam(req.params.version);
    res.json(await registry.getVersion(model(req), number, await caller(req)));
  });

  router.get('/models/:model/aliases/:alias/history', async (req, res) => {
    const alias = aliasParam(config, req.params.alias);
    const { region, at } = parseInput(pointerQuery(config), req.query, 'query');
    const pointer = { modelName: model(req), alias, region };
    const call = await caller(req);
    res.json(
      at
        ? await registry.getPointerAt({ ...pointer, at: new Date(at) }, call)
        : await registry.getPointerHistory(pointer, call),
    );
  });

  // A move a rule covers becomes an approval request: 202 with the request.
  router.post('/models/:model/aliases/:alias', async (req, res) => {
    const alias = aliasParam(config, req.params.alias);
    const body = parseInput(promoteBody(config), req.body, 'body');
    const input = { ...body, modelName: model(req), alias };
    const result = await registry.promote(input, await caller(req));
    res.status('approvalRequest' in result ? 202 : 200).json(result);
  });

  router.post('/models/:model/aliases/:alias/rollback', async (req, res) => {
    const alias = aliasParam(config, req.params.alias);
    const body = parseInput(rollbackBody(config), req.body, 'body');
    const input = { ...body, modelName: model(req), alias };
    const result = await registry.rollback(input, await caller(req));
    res.status('approvalRequest' in result ? 202 : 200).json(result);
  });

  router.post('/models/:model/versions/:version/retire', async (req, res) => {
    const number = versionParam(req.params.version);
    const { reason } = parseInput(retireBody, req.body, 'body');
    const version = { modelName: model(req), number, reason };
    res.json(await registry.retireVersion(version, await caller(req)));
  });

  addApprovalAndEvaluationRoutes(router, { registry, config, caller, model });
  addKeepWarmRoutes(router, { registry, config, caller, model });

  // Anything else: say what exists instead of an empty 404.
  router.use((req, _res, next) => {
    next(
      new NotFoundError(
        `There is no ${req.method} ${req.path} in the bedrock-models API; see /api/bedrock-models/openapi.json for its routes.`,
      ),
    );
  });
  router.use(parameterErrorsInWords());
  router.use(internalErrorShield(options.errors));
  return router;
}

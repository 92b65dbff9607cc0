import { aliasParam, parseInput } from './registryRequests';
import {
  coldStartAttentionQuery,
  coldStartsQuery,
  keepWarmBody,
  keepWarmQuery,
} from './keepWarmRequests';
import { createOpenApiRouter } from './schema/openapi';
import { RouteContext } from './approvalAndEvaluationRoutes';

/**
 * The routes of keep-warm policies and the cold starts they avoid. Each parses, calls the registry
 * service, and answers.
 */
export function addKeepWarmRoutes(
  router: Awaited<ReturnType<typeof createOpenApiRouter>>,
  context: RouteContext,
): void {
  const { registry, config, caller, model } = context;

  router.get('/models/:model/aliases/:alias/keep-warm', async (req, res) => {
    const alias = aliasParam(config, req.params.alias);
    const { region } = parseInput(keepWarmQuery(config), req.query, 'query');
    const pointer = { modelName: model(req), alias, region };
    res.json(await registry.getKeepWarm(pointer, await caller(req)));
  });

  router.put('/models/:model/aliases/:alias/keep-warm', async (req, res) => {
    const alias = aliasParam(config, req.params.alias);
    const { region, ...input } = parseInput(
      keepWarmBody(config),
      req.body,
      'body',
    );
    const pointer = { modelName: model(req), alias, region };
    res.json(await registry.putKeepWarm(pointer, input, await caller(req)));
  });

  router.get('/models/:model/aliases/:alias/cold-starts', async (req, res) => {
    const alias = aliasParam(config, req.params.alias);
    const { region, days } = parseInput(
      coldStartsQuery(config),
      req.query,
      'query',
    );
    const pointer = { modelName: model(req), alias, region };
    res.json(await registry.getColdStarts(pointer, days, await caller(req)));
  });

  router.get('/cold-starts', async (req, res) => {
    const { days } = parseInput(coldStartAttentionQuery, req.query, 'query');
    res.json(await registry.listColdStartAttention(days, await caller(req)));
  });
}

import { HttpAuthService } from '@backstage/backend-plugin-api';
import { RegistryConfig } from './config/readRegistryConfig';
import {
  approvalIdParam,
  approvalsQuery,
  decisionBody,
  evaluationStartBody,
  evaluationsQuery,
  parseInput,
  runIdParam,
  suiteBody,
  versionParam,
} from './registryRequests';
import { createOpenApiRouter } from './schema/openapi';
import {
  RegistryCallOptions,
  RegistryService,
} from './service/RegistryService';

/** What these routes share with the rest of the router. */
export type RouteContext = {
  registry: RegistryService;
  config: RegistryConfig;
  /** Authenticates the request and names the caller. */
  caller: (
    req: Parameters<HttpAuthService['credentials']>[0],
  ) => Promise<RegistryCallOptions>;
  /** The model name from the path, checked. */
  model: (req: { params: { model: string } }) => string;
};

/**
 * The routes of promotion's evidence and consent: approval requests and their decisions, and evaluation
 * suites and runs. Each parses, calls the registry service, and answers.
 */
export function addApprovalAndEvaluationRoutes(
  router: Awaited<ReturnType<typeof createOpenApiRouter>>,
  context: RouteContext,
): void {
  const { registry, config, caller, model } = context;
  router.get('/approvals', async (req, res) => {
    const filter = parseInput(approvalsQuery, req.query, 'query');
    res.json(await registry.listApprovals(filter, await caller(req)));
  });

  router.get('/approvals/:id', async (req, res) => {
    const id = approvalIdParam(req.params.id);
    res.json(await registry.getApproval(id, await caller(req)));
  });

  for (const [path, decide] of [
    ['approve', registry.approve],
    ['reject', registry.reject],
    ['cancel', registry.cancelApproval],
  ] as const) {
    router.post(`/approvals/:id/${path}`, async (req, res) => {
      const id = approvalIdParam(req.params.id);
      const { reason } = parseInput(decisionBody, req.body, 'body');
      res.json(await decide.call(registry, id, reason, await caller(req)));
    });
  }

  router.get('/models/:model/evaluation-suite', async (req, res) => {
    res.json(await registry.getEvaluationSuite(model(req), await caller(req)));
  });

  router.put('/models/:model/evaluation-suite', async (req, res) => {
    const { prompts } = parseInput(suiteBody, req.body, 'body');
    res.json(
      await registry.putEvaluationSuite(model(req), prompts, await caller(req)),
    );
  });

  router.get('/models/:model/evaluations', async (req, res) => {
    const { version } = parseInput(evaluationsQuery, req.query, 'query');
    res.json(
      await registry.listEvaluationRuns(model(req), version, await caller(req)),
    );
  });

  router.get('/models/:model/evaluations/:runId', async (req, res) => {
    const runId = runIdParam(req.params.runId);
    res.json(
      await registry.getEvaluationRun(model(req), runId, await caller(req)),
    );
  });

  router.post(
    '/models/:model/versions/:version/evaluations',
    async (req, res) => {
      const version = versionParam(req.params.version);
      const body = parseInput(evaluationStartBody(config), req.body, 'body');
      const input = { ...body, modelName: model(req), version };
      res
        .status(202)
        .json(await registry.startEvaluation(input, await caller(req)));
    },
  );
}

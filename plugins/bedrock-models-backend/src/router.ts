import express from 'express';
import Router from 'express-promise-router';
import { DatabaseHealthCheck } from './database/DatabaseHealthCheck';

/** Builds the plugin's REST API (mounted at /api/bedrock-models). */
export async function createRouter(options: {
  healthCheck: DatabaseHealthCheck;
}): Promise<express.Router> {
  const { healthCheck } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', async (_req, res) => {
    res.json(await healthCheck.check());
  });

  return router;
}

import { LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';

export interface RouterOptions {
  logger: LoggerService;
}

/**
 * The plugin's HTTP API. Thin by design: each route parses its input, calls a service and maps
 * domain errors; the error handler of the backend turns @backstage/errors into 4xx bodies.
 */
export async function createRouter(
  _options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  // Unauthenticated (see plugin.ts) so load balancers and the start script can probe it.
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  return router;
}

import { timingSafeEqual } from 'node:crypto';
import {
  chain,
  createRouter,
  Handler,
  header,
  HttpRequest,
  json,
  readJson,
} from '../http';
import { AzureTwin } from '../azure/azureTwin';
import { FaultInput } from '../azure/faults/faults';
import { RealismOptions } from '../azure/faults/realism';
import { applySeed, AzureSeed } from '../azure/seed/applySeed';

export interface AdminOptions {
  /** The bearer token admin calls must carry (written to `.sandbox/admin-token`). */
  token: string;
  azure: AzureTwin;
  /** Further admin routes (the Kubernetes half plugs its own in here), mounted under `/admin`. */
  extraRoutes?: Handler[];
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function tokenMatches(expected: string, req: HttpRequest): boolean {
  const given = (header(req, 'authorization') ?? '').replace(/^bearer\s+/i, '');
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `/admin/*`: local callers with the admin token only. Seed, reset, inspect
 * state, change realism at run time and inject faults.
 */
export function createAdminHandler(options: AdminOptions): Handler {
  const { azure } = options;
  const ctx = azure.context;
  const router = createRouter();
  router.get('/admin/azure/state', () => json(200, azure.state.toSnapshot()));
  router.post('/admin/azure/reset', () => {
    azure.reset();
    ctx.faults.clear();
    return json(200, { reset: true });
  });
  router.post('/admin/azure/seed', req => {
    try {
      applySeed(azure.state, readJson<AzureSeed>(req));
    } catch (e) {
      return json(400, {
        error: { code: 'InvalidSeed', message: (e as Error).message },
      });
    }
    return json(200, { seeded: true });
  });
  router.get('/admin/azure/realism', () => json(200, ctx.realism));
  router.add('PATCH', '/admin/azure/realism', req => {
    const patch = readJson<Partial<RealismOptions>>(req);
    Object.assign(ctx.realism, patch);
    if ('throttle' in patch) ctx.throttle.configure(ctx.realism.throttle);
    return json(200, ctx.realism);
  });
  router.get('/admin/azure/faults', () =>
    json(200, { value: ctx.faults.list() }),
  );
  router.post('/admin/azure/faults', req =>
    json(201, ctx.faults.add(readJson<FaultInput>(req))),
  );
  router.delete('/admin/azure/faults', () => {
    ctx.faults.clear();
    return { status: 204 };
  });
  router.delete('/admin/azure/faults/:id', req => ({
    status: ctx.faults.remove(req.params.id) ? 204 : 404,
  }));

  const routes = chain(router.handler, ...(options.extraRoutes ?? []));
  return async req => {
    if (req.path.split('/')[1]?.toLowerCase() !== 'admin') return undefined;
    if (!LOOPBACK.has(req.remoteAddress))
      return json(403, {
        error: {
          code: 'Forbidden',
          message: 'The admin endpoint answers local callers only.',
        },
      });
    if (!tokenMatches(options.token, req))
      return json(401, {
        error: {
          code: 'Unauthorized',
          message:
            'Send the token from .sandbox/admin-token as a bearer token.',
        },
      });
    return (
      (await routes(req)) ??
      json(404, {
        error: {
          code: 'NotFound',
          message: `No admin route ${req.method} ${req.path}`,
        },
      })
    );
  };
}

import { Handler, HttpRequest, HttpResponse } from './types';

type RouteHandler = (
  req: HttpRequest,
) => Promise<HttpResponse | undefined> | HttpResponse | undefined;

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

/**
 * A tiny method + path router. Patterns use `:name` for one segment and a
 * final `*` for one or more remaining segments (`params['*']`). Matching is
 * case-insensitive on literal segments because ARM and Entra paths are.
 */
export interface Router {
  get(pattern: string, handler: RouteHandler): Router;
  post(pattern: string, handler: RouteHandler): Router;
  put(pattern: string, handler: RouteHandler): Router;
  patch(pattern: string, handler: RouteHandler): Router;
  delete(pattern: string, handler: RouteHandler): Router;
  add(method: string, pattern: string, handler: RouteHandler): Router;
  handler: Handler;
}

export function createRouter(): Router {
  const routes: Route[] = [];
  const router: Router = {
    add(method, pattern, handler) {
      routes.push({
        method: method.toUpperCase(),
        segments: split(pattern),
        handler,
      });
      return router;
    },
    get: (p, h) => router.add('GET', p, h),
    post: (p, h) => router.add('POST', p, h),
    put: (p, h) => router.add('PUT', p, h),
    patch: (p, h) => router.add('PATCH', p, h),
    delete: (p, h) => router.add('DELETE', p, h),
    handler: async req => {
      const parts = split(req.path);
      for (const route of routes) {
        if (
          route.method !== req.method &&
          !(route.method === 'GET' && req.method === 'HEAD')
        )
          continue;
        const params = match(route.segments, parts);
        if (!params) continue;
        const res = await route.handler({
          ...req,
          params: { ...req.params, ...params },
        });
        if (res) return res;
      }
      return undefined;
    },
  };
  return router;
}

function split(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function match(
  pattern: string[],
  parts: string[],
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p === '*') {
      // `*` stands for one or more segments.
      if (parts.length <= i) return undefined;
      params['*'] = parts.slice(i).map(decodeURIComponent).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (p.startsWith(':')) params[p.slice(1)] = decodeURIComponent(part);
    else if (p.toLowerCase() !== part.toLowerCase()) return undefined;
  }
  return parts.length === pattern.length ? params : undefined;
}

/** Tries handlers in order; the first that answers wins. */
export function chain(...handlers: Handler[]): Handler {
  return async req => {
    for (const h of handlers) {
      const res = await h(req);
      if (res) return res;
    }
    return undefined;
  };
}

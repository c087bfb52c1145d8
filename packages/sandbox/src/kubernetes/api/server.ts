import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubernetesCluster } from '../cluster';
import {
  apiGroupDoc,
  apiGroupList,
  apiResourceList,
  apiVersions,
  openApiV3Doc,
  openApiV3Index,
} from './discovery';
import { parseResourcePath, verbOf } from './request';
import { readBody, send, warningHeaders } from './respond';
import { serveResource } from './serveResource';
import { notFoundPath, StatusError, unauthorized } from './status';

/**
 * The Node request listener of one cluster's API server. Routing only: public
 * endpoints, authentication, discovery, then resources (serveResource.ts).
 */
export function createApiListener(cluster: KubernetesCluster) {
  return (req: IncomingMessage, res: ServerResponse) => {
    // Warnings recorded before a refusal still reach the client, as in kube-apiserver.
    const warnings: string[] = [];
    void handle(cluster, req, res, warnings).catch(e => {
      const error =
        e instanceof StatusError
          ? e
          : new StatusError(
              500,
              'InternalError',
              `Internal error occurred: ${(e as Error).message}`,
            );
      if (!res.headersSent)
        send(res, error.code, error.toStatus(), {
          ...warningHeaders(warnings),
          ...error.headers,
        });
      else res.end();
    });
  };
}

async function handle(
  cluster: KubernetesCluster,
  req: IncomingMessage,
  res: ServerResponse,
  warnings: string[],
): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://localhost');
  const path = url.pathname.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
  const method = (req.method ?? 'GET').toUpperCase();
  if (servePublic(cluster, path, res)) return;

  const header = req.headers.authorization ?? '';
  const user = cluster.authenticate(
    /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim(),
  );
  const body = await readBody(req);
  if (!user) throw unauthorized();
  if (serveDiscovery(cluster, path, req, res)) return;

  const segments = path.split('/').filter(Boolean);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 2)
    [group, version, rest] = ['', segments[1], segments.slice(2)];
  else if (segments[0] === 'apis' && segments.length >= 3)
    [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
  else throw notFoundPath();
  if (rest.length === 0) {
    const list = apiResourceList(cluster.catalog, group, version);
    if (!list) throw notFoundPath();
    send(res, 200, list);
    return;
  }
  const target = parseResourcePath(cluster, group, version, rest);
  if (!target) throw notFoundPath();
  serveResource({
    cluster,
    user,
    method,
    verb: verbOf(method, target, url),
    target,
    query: url.searchParams,
    body,
    req,
    res,
    dryRun: url.searchParams.getAll('dryRun').includes('All'),
    now: Date.now(),
    warnings,
  });
}

/** What a cluster serves without a token: health, version, its issuer's documents. */
function servePublic(
  cluster: KubernetesCluster,
  path: string,
  res: ServerResponse,
): boolean {
  if (['/healthz', '/livez', '/readyz'].includes(path)) send(res, 200, 'ok');
  else if (path === '/version')
    send(res, 200, versionInfo(cluster.kubernetesVersion));
  // The API server publishes its issuer documents too (ServiceAccountIssuerDiscovery).
  else if (path === '/.well-known/openid-configuration')
    send(res, 200, cluster.issuer.discoveryDocument());
  else if (path === '/openid/v1/jwks')
    send(res, 200, cluster.issuer.jwks(), {
      'content-type': 'application/jwk-set+json',
    });
  else return false;
  return true;
}

/** Legacy discovery (`/api`, `/apis`, `/apis/{group}`) and the OpenAPI v3 documents. */
function serveDiscovery(
  cluster: KubernetesCluster,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const { catalog } = cluster;
  const segments = path.split('/').filter(Boolean);
  if (path === '/api')
    send(res, 200, apiVersions(req.headers.host ?? 'localhost'));
  else if (path === '/apis') send(res, 200, apiGroupList(catalog));
  else if (path === '/openapi/v3') send(res, 200, openApiV3Index(catalog));
  else if (path.startsWith('/openapi/v3/')) {
    const parts = path.slice('/openapi/v3/'.length).split('/');
    const [group, version] =
      parts[0] === 'api' ? ['', parts[1]] : [parts[1], parts[2]];
    const doc = openApiV3Doc(
      catalog,
      group,
      version,
      cluster.kubernetesVersion,
    );
    if (!doc) throw notFoundPath();
    send(res, 200, doc);
  } else if (segments[0] === 'apis' && segments.length === 2) {
    const doc = apiGroupDoc(catalog, segments[1]);
    if (!doc) throw notFoundPath();
    send(res, 200, doc);
  } else return false;
  return true;
}

function versionInfo(version: string) {
  const [major, minor] = version.split('.');
  return {
    major,
    minor,
    gitVersion: `v${version}`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.23.4',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import yaml from 'js-yaml';
import type { KubernetesCluster, PatchType } from '../cluster';
import { withKind } from '../cluster';
import { KubeObject, UserInfo } from '../types';
import {
  apiGroupDoc,
  apiGroupList,
  apiResourceList,
  apiVersions,
  openApiV3Doc,
  openApiV3Index,
} from './discovery';
import { matchesFields, matchesLabels, parseLabelSelector } from './selectors';
import { apiVersionOf, ResourceType } from './resources';
import {
  badRequest,
  forbidden,
  methodNotSupported,
  notFound,
  notFoundPath,
  StatusError,
  unauthorized,
} from './status';
import { toTable } from './table';

const MAX_BODY = 8 * 1024 * 1024;

interface ResourcePath {
  group: string;
  version: string;
  rt: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** The Node request listener of one cluster's API server. */
export function createApiListener(cluster: KubernetesCluster) {
  return (req: IncomingMessage, res: ServerResponse) => {
    void handle(cluster, req, res).catch(e => {
      const error =
        e instanceof StatusError
          ? e
          : new StatusError(
              500,
              'InternalError',
              `Internal error occurred: ${(e as Error).message}`,
            );
      if (!res.headersSent)
        send(res, error.code, error.toStatus(), error.headers);
      else res.end();
    });
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type':
      typeof body === 'string'
        ? 'text/plain; charset=utf-8'
        : 'application/json',
    'cache-control': 'no-cache, private',
    'audit-id': cryptoRandomId(),
    ...headers,
  });
  res.end(text);
}

function cryptoRandomId(): string {
  return globalThis.crypto.randomUUID();
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY)
      throw new StatusError(
        413,
        'RequestEntityTooLarge',
        'Request entity too large: limit is 3145728',
      );
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function handle(
  cluster: KubernetesCluster,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://localhost');
  const path = url.pathname.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
  const method = (req.method ?? 'GET').toUpperCase();

  if (['/healthz', '/livez', '/readyz'].includes(path))
    return send(res, 200, 'ok');
  if (path === '/version')
    return send(res, 200, versionInfo(cluster.kubernetesVersion));
  // The API server publishes its issuer documents too (ServiceAccountIssuerDiscovery).
  if (path === '/.well-known/openid-configuration')
    return send(res, 200, cluster.issuer.discoveryDocument());
  if (path === '/openid/v1/jwks')
    return send(res, 200, cluster.issuer.jwks(), {
      'content-type': 'application/jwk-set+json',
    });

  const header = req.headers.authorization ?? '';
  const user = cluster.authenticate(
    /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim(),
  );
  const body = await readBody(req);
  if (!user) throw unauthorized();

  if (path === '/api')
    return send(res, 200, apiVersions(req.headers.host ?? 'localhost'));
  if (path === '/apis') return send(res, 200, apiGroupList(cluster.catalog));
  if (path === '/openapi/v3')
    return send(res, 200, openApiV3Index(cluster.catalog));
  if (path.startsWith('/openapi/v3/')) {
    const parts = path.slice('/openapi/v3/'.length).split('/');
    const [group, version] =
      parts[0] === 'api' ? ['', parts[1]] : [parts[1], parts[2]];
    const doc = openApiV3Doc(
      cluster.catalog,
      group,
      version,
      cluster.kubernetesVersion,
    );
    if (!doc) throw notFoundPath();
    return send(res, 200, doc);
  }
  const segments = path.split('/').filter(Boolean);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 2)
    [group, version, rest] = ['', segments[1], segments.slice(2)];
  else if (segments[0] === 'apis' && segments.length >= 2) {
    if (segments.length === 2) {
      const doc = apiGroupDoc(cluster.catalog, segments[1]);
      if (!doc) throw notFoundPath();
      return send(res, 200, doc);
    }
    [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
  } else throw notFoundPath();
  if (rest.length === 0) {
    const list = apiResourceList(cluster.catalog, group, version);
    if (!list) throw notFoundPath();
    return send(res, 200, list);
  }
  const target = parseResourcePath(cluster, group, version, rest);
  if (!target) throw notFoundPath();
  return serveResource(cluster, user, method, target, url, body, req, res);
}

function parseResourcePath(
  cluster: KubernetesCluster,
  group: string,
  version: string,
  rest: string[],
): ResourcePath | undefined {
  let namespace: string | undefined;
  let parts = rest;
  if (parts[0] === 'namespaces' && parts.length >= 3) {
    const rt = cluster.catalog.find(group, version, parts[2]);
    if (rt?.namespaced) {
      namespace = parts[1];
      parts = parts.slice(2);
    }
  }
  const rt = cluster.catalog.find(group, version, parts[0]);
  if (!rt || parts.length > 3) return undefined;
  return {
    group,
    version,
    rt,
    namespace,
    name: parts[1],
    subresource: parts[2],
  };
}

function verbOf(method: string, target: ResourcePath, url: URL): string {
  const watch = ['true', '1'].includes(url.searchParams.get('watch') ?? '');
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (watch) return 'watch';
      return target.name ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return target.name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

function parseBody(body: Buffer, contentType: string | undefined): any {
  const text = body.toString('utf8');
  if (!text.trim()) throw badRequest('the request body is empty');
  try {
    return contentType?.includes('yaml') ? yaml.load(text) : JSON.parse(text);
  } catch (e) {
    throw badRequest(
      `the body of the request could not be decoded: ${(e as Error).message}`,
    );
  }
}

function wantsTable(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

async function serveResource(
  cluster: KubernetesCluster,
  user: UserInfo,
  method: string,
  target: ResourcePath,
  url: URL,
  rawBody: Buffer,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const { rt, namespace, name, subresource } = target;
  const verb = verbOf(method, target, url);
  const access = {
    verb,
    group: rt.group,
    resource: rt.resource,
    subresource,
    namespace,
    name,
  };
  const fault = cluster.faults.match({
    verb,
    resource: subresource ? `${rt.resource}/${subresource}` : rt.resource,
    namespace,
    name,
    user: user.username,
  });
  if (fault) throw fault;
  if (subresource && !(rt.subresources ?? []).some(s => s.name === subresource))
    throw notFoundPath();
  if (!rt.verbs.includes(verb) && !subresource && verb !== 'watch')
    throw methodNotSupported(rt.resource, rt.group, verb);
  if (!cluster.authorizer.allows(user, access))
    throw forbidden({ username: user.username, ...access });

  const query = url.searchParams;
  const dryRun = query.getAll('dryRun').includes('All');
  const now = Date.now();

  if (subresource === 'token') {
    if (method !== 'POST')
      throw methodNotSupported(`${rt.resource}/token`, '', verb);
    const request = parseBody(rawBody, req.headers['content-type']);
    const spec = request.spec ?? {};
    const boundPod =
      spec.boundObjectRef?.kind === 'Pod'
        ? { name: spec.boundObjectRef.name, uid: spec.boundObjectRef.uid }
        : undefined;
    const issued = cluster.requestToken(namespace!, name!, {
      audiences: spec.audiences,
      expirationSeconds: spec.expirationSeconds,
      pod: boundPod,
    });
    return send(res, 201, {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace, creationTimestamp: null },
      spec: {
        audiences: issued.audiences,
        expirationSeconds: issued.expirationSeconds,
        boundObjectRef: spec.boundObjectRef ?? null,
      },
      status: {
        token: issued.token,
        expirationTimestamp: issued.expirationTimestamp,
      },
    });
  }
  if (subresource === 'scale')
    return serveScale(cluster, method, target, rawBody, req, res);

  if (rt.kind === 'SelfSubjectAccessReview' && method === 'POST') {
    const review = parseBody(rawBody, req.headers['content-type']);
    const a = review.spec?.resourceAttributes ?? {};
    const allowed = cluster.authorizer.allows(user, {
      verb: a.verb,
      group: a.group ?? '',
      resource: a.resource,
      subresource: a.subresource || undefined,
      namespace: a.namespace || undefined,
      name: a.name || undefined,
    });
    return send(res, 201, {
      ...review,
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: { creationTimestamp: null },
      status: { allowed, ...(allowed ? { reason: 'RBAC: allowed' } : {}) },
    });
  }
  if (rt.kind === 'SelfSubjectReview' && method === 'POST')
    return send(res, 201, {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
      metadata: { creationTimestamp: null },
      status: { userInfo: { username: user.username, groups: user.groups } },
    });

  switch (verb) {
    case 'get': {
      const object = cluster.get(rt, namespace, name!);
      return send(
        res,
        200,
        wantsTable(req)
          ? toTable(rt.kind, [object], {
              now,
              resourceVersion: object.metadata.resourceVersion!,
              includeObject: query.get('includeObject'),
            })
          : object,
      );
    }
    case 'list': {
      const items = cluster.list(rt, {
        namespace,
        labelSelector: query.get('labelSelector'),
        fieldSelector: query.get('fieldSelector'),
      });
      const resourceVersion = cluster.store.resourceVersion;
      if (wantsTable(req))
        return send(
          res,
          200,
          toTable(rt.kind, items, {
            now,
            resourceVersion,
            includeObject: query.get('includeObject'),
          }),
        );
      return send(res, 200, {
        kind: `${rt.kind}List`,
        apiVersion: apiVersionOf(rt),
        metadata: { resourceVersion },
        items,
      });
    }
    case 'watch':
      return serveWatch(cluster, target, query, req, res);
    case 'create': {
      const object = parseBody(
        rawBody,
        req.headers['content-type'],
      ) as KubeObject;
      checkKind(rt, object);
      const ns = object.metadata?.namespace;
      if (rt.namespaced && ns && namespace && ns !== namespace)
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      const created = cluster.create(
        {
          ...object,
          metadata: {
            ...object.metadata,
            ...(rt.namespaced ? { namespace } : {}),
          },
        },
        { dryRun, user },
      );
      return send(res, 201, created);
    }
    case 'update': {
      const object = parseBody(
        rawBody,
        req.headers['content-type'],
      ) as KubeObject;
      checkKind(rt, object);
      if (object.metadata?.name !== name)
        throw badRequest(
          `the name of the object (${object.metadata?.name}) does not match the name on the URL (${name})`,
        );
      return send(
        res,
        200,
        cluster.replace(
          {
            ...object,
            metadata: {
              ...object.metadata,
              ...(rt.namespaced ? { namespace } : {}),
            },
          },
          { dryRun, user },
        ),
      );
    }
    case 'patch': {
      const type = patchType(req.headers['content-type'], rt);
      const patch = parseBody(rawBody, type === 'apply' ? 'yaml' : 'json');
      return send(
        res,
        200,
        cluster.patch(rt, namespace, name!, type, patch, { dryRun, user }),
      );
    }
    case 'delete': {
      const deleted = cluster.delete(rt, namespace, name!, { dryRun, user });
      if (rt.kind === 'Pod' || rt.kind === 'Namespace') {
        const at = new Date(now).toISOString().replace(/\.\d+Z$/, 'Z');
        return send(res, 200, {
          ...deleted,
          metadata: { ...deleted.metadata, deletionTimestamp: at },
        });
      }
      return send(res, 200, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details: {
          name,
          ...(rt.group ? { group: rt.group } : {}),
          kind: rt.resource,
          uid: deleted.metadata.uid,
        },
      });
    }
    case 'deletecollection': {
      const items = cluster.list(rt, {
        namespace,
        labelSelector: query.get('labelSelector'),
        fieldSelector: query.get('fieldSelector'),
      });
      for (const item of items)
        cluster.delete(rt, item.metadata.namespace, item.metadata.name, {
          dryRun,
          user,
        });
      return send(res, 200, {
        kind: `${rt.kind}List`,
        apiVersion: apiVersionOf(rt),
        metadata: { resourceVersion: cluster.store.resourceVersion },
        items,
      });
    }
    default:
      throw methodNotSupported(rt.resource, rt.group, verb);
  }
}

function checkKind(rt: ResourceType, object: KubeObject) {
  if (!object || typeof object !== 'object' || !object.metadata)
    throw badRequest('Object has no metadata');
  if (object.kind && object.kind !== rt.kind)
    throw badRequest(
      `the API version in the data (${
        object.apiVersion
      }) does not match the expected API version (${apiVersionOf(rt)})`,
    );
  object.apiVersion = apiVersionOf(rt);
  object.kind = rt.kind;
}

function patchType(
  contentType: string | undefined,
  rt: ResourceType,
): PatchType {
  const type = (contentType ?? '').split(';')[0].trim();
  if (type === 'application/merge-patch+json') return 'merge';
  if (type === 'application/json-patch+json') return 'json';
  if (
    type === 'application/apply-patch+yaml' ||
    type === 'application/apply-patch+cbor'
  )
    return 'apply';
  if (type === 'application/strategic-merge-patch+json') {
    if (rt.group === 'aadpodidentity.k8s.io')
      throw new StatusError(
        415,
        'UnsupportedMediaType',
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
      );
    return 'strategic';
  }
  throw new StatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
  );
}

function serveScale(
  cluster: KubernetesCluster,
  method: string,
  target: ResourcePath,
  rawBody: Buffer,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const { rt, namespace, name } = target;
  const toScale = (d: KubeObject) => ({
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: d.metadata.name,
      namespace: d.metadata.namespace,
      uid: d.metadata.uid,
      resourceVersion: d.metadata.resourceVersion,
      creationTimestamp: d.metadata.creationTimestamp,
    },
    spec: { replicas: d.spec.replicas },
    status: {
      replicas: d.status?.replicas ?? 0,
      selector: Object.entries(d.spec.selector?.matchLabels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    },
  });
  const current = cluster.get(rt, namespace, name!);
  if (method === 'GET') return send(res, 200, toScale(current));
  const body = parseBody(rawBody, 'json');
  let replicas: number | undefined;
  if (method === 'PUT') replicas = body.spec?.replicas;
  else if (method === 'PATCH') {
    const type = patchType(req.headers['content-type'], rt);
    replicas = type === 'json' ? undefined : body.spec?.replicas;
  }
  if (typeof replicas !== 'number')
    throw badRequest('spec.replicas is required');
  const updated = cluster.patch(rt, namespace, name!, 'merge', {
    spec: { replicas },
  });
  return send(res, 200, toScale(updated));
}

function serveWatch(
  cluster: KubernetesCluster,
  target: ResourcePath,
  query: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const { rt, namespace } = target;
  const labels = parseLabelSelector(query.get('labelSelector'));
  const fieldSelector = target.name
    ? `metadata.name=${target.name}`
    : query.get('fieldSelector');
  const table = wantsTable(req);
  const matches = (o: KubeObject) =>
    (!rt.namespaced || !namespace || o.metadata.namespace === namespace) &&
    matchesLabels(o.metadata.labels, labels) &&
    matchesFields(o, fieldSelector);
  const render = (o: KubeObject) =>
    table
      ? toTable(rt.kind, [o], {
          now: Date.now(),
          resourceVersion: o.metadata.resourceVersion!,
          includeObject: query.get('includeObject'),
        })
      : o;
  res.writeHead(200, {
    'content-type': 'application/json',
    'cache-control': 'no-cache, private',
    'transfer-encoding': 'chunked',
  });
  // Headers go out at once: a watch with nothing to report yet must still look established.
  res.flushHeaders();
  const write = (type: string, o: KubeObject) =>
    res.write(`${JSON.stringify({ type, object: render(o) })}\n`);
  const rv = query.get('resourceVersion');
  if (!rv || rv === '0' || query.get('sendInitialEvents') === 'true')
    for (const o of cluster.list(rt, { namespace }))
      if (matches(o)) write('ADDED', o);
  const unsubscribe = cluster.store.onChange(event => {
    if (event.resource !== rt) return;
    const o = withKind(rt, event.object);
    if (matches(o)) write(event.type, o);
  });
  const timeout = Math.min(Number(query.get('timeoutSeconds') ?? 1800), 3600);
  const timer = setTimeout(() => res.end(), timeout * 1000);
  timer.unref();
  const stop = () => {
    clearTimeout(timer);
    unsubscribe();
  };
  res.on('close', stop);
  req.on('close', stop);
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

export { notFound };

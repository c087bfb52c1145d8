import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubernetesCluster } from '../cluster';
import { UserInfo } from '../types';
import { ResourceType } from './resources';

/** `/api/v1/namespaces/{ns}/{resource}/{name}/{subresource}` and its shorter forms, resolved. */
export interface ResourcePath {
  group: string;
  version: string;
  rt: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** One authenticated request for a resource, as every handler of one takes it. */
export interface ResourceRequest {
  cluster: KubernetesCluster;
  user: UserInfo;
  method: string;
  /** The RBAC verb: `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`. */
  verb: string;
  target: ResourcePath;
  query: URLSearchParams;
  body: Buffer;
  req: IncomingMessage;
  res: ServerResponse;
  /** `dryRun=All`: every step runs but nothing is stored. */
  dryRun: boolean;
  /** One clock reading for the whole request (table ages, deletion timestamps). */
  now: number;
  /** Admission's warnings for this request; sent as `Warning` headers, also on a refusal. */
  warnings: string[];
}

/** The path after `/api/v1` or `/apis/{group}/{version}`, or undefined when nothing serves it. */
export function parseResourcePath(
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

export function verbOf(method: string, target: ResourcePath, url: URL): string {
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

import { PatchType } from '../registry';
import { KubeObject } from '../types';
import { ResourceRequest } from './request';
import { parseBody, send, warningHeaders } from './respond';
import { apiVersionOf, ResourceType } from './resources';
import { badRequest, StatusError } from './status';

/**
 * Writes from clients. Admission runs inside the cluster's write path (registry.ts), so
 * seeding code and controllers meet the same plugins as kubectl; these handlers decode
 * the request, check it names what the URL names, and pass the acting user along.
 */
export function serveCreate(r: ResourceRequest) {
  const { rt, namespace } = r.target;
  const object = parseBody(r.body, r.req.headers['content-type']) as KubeObject;
  checkKind(rt, object);
  const ns = object.metadata?.namespace;
  if (rt.namespaced && ns && namespace && ns !== namespace)
    throw badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  const created = r.cluster.create(
    {
      ...object,
      metadata: { ...object.metadata, ...(rt.namespaced ? { namespace } : {}) },
    },
    writeOptions(r),
  );
  return send(r.res, 201, created, warningHeaders(r.warnings));
}

export function serveUpdate(r: ResourceRequest) {
  const { rt, namespace, name } = r.target;
  const object = parseBody(r.body, r.req.headers['content-type']) as KubeObject;
  checkKind(rt, object);
  if (object.metadata?.name !== name)
    throw badRequest(
      `the name of the object (${object.metadata?.name}) does not match the name on the URL (${name})`,
    );
  const replaced = r.cluster.replace(
    {
      ...object,
      metadata: { ...object.metadata, ...(rt.namespaced ? { namespace } : {}) },
    },
    writeOptions(r),
  );
  return send(r.res, 200, replaced, warningHeaders(r.warnings));
}

export function servePatch(r: ResourceRequest) {
  const { rt, namespace, name } = r.target;
  const type = patchType(r.req.headers['content-type'], rt);
  const patch = parseBody(r.body, type === 'apply' ? 'yaml' : 'json');
  const patched = r.cluster.patch(
    rt,
    namespace,
    name!,
    type,
    patch,
    writeOptions(r),
  );
  return send(r.res, 200, patched, warningHeaders(r.warnings));
}

/** Pods and namespaces answer with the object (as kube-apiserver does for graceful deletes), others with a Status. */
export function serveDelete(r: ResourceRequest) {
  const { rt, namespace, name } = r.target;
  const deleted = r.cluster.delete(rt, namespace, name!, writeOptions(r));
  const headers = warningHeaders(r.warnings);
  if (rt.kind === 'Pod' || rt.kind === 'Namespace') {
    const at = new Date(r.now).toISOString().replace(/\.\d+Z$/, 'Z');
    return send(
      r.res,
      200,
      { ...deleted, metadata: { ...deleted.metadata, deletionTimestamp: at } },
      headers,
    );
  }
  return send(
    r.res,
    200,
    {
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
    },
    headers,
  );
}

export function serveDeleteCollection(r: ResourceRequest) {
  const { rt, namespace } = r.target;
  const items = r.cluster.list(rt, {
    namespace,
    labelSelector: r.query.get('labelSelector'),
    fieldSelector: r.query.get('fieldSelector'),
  });
  for (const item of items)
    r.cluster.delete(
      rt,
      item.metadata.namespace,
      item.metadata.name,
      writeOptions(r),
    );
  return send(
    r.res,
    200,
    {
      kind: `${rt.kind}List`,
      apiVersion: apiVersionOf(rt),
      metadata: { resourceVersion: r.cluster.store.resourceVersion },
      items,
    },
    warningHeaders(r.warnings),
  );
}

/** The acting user, dry run, and where admission's warnings go. */
function writeOptions(r: ResourceRequest) {
  return {
    dryRun: r.dryRun,
    user: r.user,
    warn: (text: string) => r.warnings.push(text),
  };
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

/** The patch flavour from the content type; CRDs take no strategic merge, as in Kubernetes. */
export function patchType(
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

import { KubeObject } from '../types';
import { ResourceRequest } from './request';
import { parseBody, send } from './respond';
import { patchType } from './serveWrites';
import { badRequest, methodNotSupported } from './status';

/** `POST serviceaccounts/{name}/token`: a TokenRequest, answered with the signed token. */
export function serveTokenRequest(r: ResourceRequest) {
  const { rt, namespace, name } = r.target;
  if (r.method !== 'POST')
    throw methodNotSupported(`${rt.resource}/token`, '', r.verb);
  const request = parseBody(r.body, r.req.headers['content-type']);
  const spec = request.spec ?? {};
  const boundPod =
    spec.boundObjectRef?.kind === 'Pod'
      ? { name: spec.boundObjectRef.name, uid: spec.boundObjectRef.uid }
      : undefined;
  const issued = r.cluster.requestToken(namespace!, name!, {
    audiences: spec.audiences,
    expirationSeconds: spec.expirationSeconds,
    pod: boundPod,
  });
  return send(r.res, 201, {
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

/** `deployments/{name}/scale` (`kubectl scale`): read or set `spec.replicas`. */
export function serveScale(r: ResourceRequest) {
  const { rt, namespace, name } = r.target;
  const current = r.cluster.get(rt, namespace, name!);
  if (r.method === 'GET') return send(r.res, 200, toScale(current));
  const body = parseBody(r.body, 'json');
  let replicas: number | undefined;
  if (r.method === 'PUT') replicas = body.spec?.replicas;
  else if (r.method === 'PATCH') {
    const type = patchType(r.req.headers['content-type'], rt);
    replicas = type === 'json' ? undefined : body.spec?.replicas;
  }
  if (typeof replicas !== 'number')
    throw badRequest('spec.replicas is required');
  const updated = r.cluster.patch(rt, namespace, name!, 'merge', {
    spec: { replicas },
  });
  return send(r.res, 200, toScale(updated));
}

function toScale(d: KubeObject) {
  return {
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
  };
}

/** SelfSubjectAccessReview (`kubectl auth can-i`), decided by the cluster's RBAC. */
export function serveAccessReview(r: ResourceRequest) {
  const review = parseBody(r.body, r.req.headers['content-type']);
  const a = review.spec?.resourceAttributes ?? {};
  const allowed = r.cluster.authorizer.allows(r.user, {
    verb: a.verb,
    group: a.group ?? '',
    resource: a.resource,
    subresource: a.subresource || undefined,
    namespace: a.namespace || undefined,
    name: a.name || undefined,
  });
  return send(r.res, 201, {
    ...review,
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    metadata: { creationTimestamp: null },
    status: { allowed, ...(allowed ? { reason: 'RBAC: allowed' } : {}) },
  });
}

/** SelfSubjectReview (`kubectl auth whoami`). */
export function serveSelfReview(r: ResourceRequest) {
  return send(r.res, 201, {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'SelfSubjectReview',
    metadata: { creationTimestamp: null },
    status: {
      userInfo: { username: r.user.username, groups: r.user.groups },
    },
  });
}

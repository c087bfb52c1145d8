import { ResourceRequest } from './request';
import { serveGet, serveList, serveWatch } from './serveReads';
import {
  serveAccessReview,
  serveScale,
  serveSelfReview,
  serveTokenRequest,
} from './serveSubresources';
import {
  serveCreate,
  serveDelete,
  serveDeleteCollection,
  servePatch,
  serveUpdate,
} from './serveWrites';
import { forbidden, methodNotSupported, notFoundPath } from './status';

type Handler = (r: ResourceRequest) => void;

const BY_VERB = new Map<string, Handler>([
  ['get', serveGet],
  ['list', serveList],
  ['watch', serveWatch],
  ['create', serveCreate],
  ['update', serveUpdate],
  ['patch', servePatch],
  ['delete', serveDelete],
  ['deletecollection', serveDeleteCollection],
]);

/**
 * A request for a resource: staged faults first, then what the type serves, then RBAC
 * (authorization), then the handler of the subresource, review or verb.
 */
export function serveResource(r: ResourceRequest) {
  const { cluster, user, verb, method } = r;
  const { rt, namespace, name, subresource } = r.target;
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

  if (subresource === 'token') return serveTokenRequest(r);
  if (subresource === 'scale') return serveScale(r);
  if (rt.kind === 'SelfSubjectAccessReview' && method === 'POST')
    return serveAccessReview(r);
  if (rt.kind === 'SelfSubjectReview' && method === 'POST')
    return serveSelfReview(r);
  const handler = BY_VERB.get(verb);
  if (!handler) throw methodNotSupported(rt.resource, rt.group, verb);
  return handler(r);
}

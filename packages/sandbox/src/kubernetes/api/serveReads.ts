import { withKind } from '../objects';
import { KubeObject } from '../types';
import { ResourceRequest } from './request';
import { send, wantsTable } from './respond';
import { apiVersionOf } from './resources';
import { matchesFields, matchesLabels, parseLabelSelector } from './selectors';
import { toTable } from './table';

export function serveGet(r: ResourceRequest) {
  const { rt, namespace, name } = r.target;
  const object = r.cluster.get(rt, namespace, name!);
  return send(
    r.res,
    200,
    wantsTable(r.req)
      ? toTable(rt.kind, [object], {
          now: r.now,
          resourceVersion: object.metadata.resourceVersion!,
          includeObject: r.query.get('includeObject'),
        })
      : object,
  );
}

export function serveList(r: ResourceRequest) {
  const { rt, namespace } = r.target;
  const items = r.cluster.list(rt, {
    namespace,
    labelSelector: r.query.get('labelSelector'),
    fieldSelector: r.query.get('fieldSelector'),
  });
  const resourceVersion = r.cluster.store.resourceVersion;
  if (wantsTable(r.req))
    return send(
      r.res,
      200,
      toTable(rt.kind, items, {
        now: r.now,
        resourceVersion,
        includeObject: r.query.get('includeObject'),
      }),
    );
  return send(r.res, 200, {
    kind: `${rt.kind}List`,
    apiVersion: apiVersionOf(rt),
    metadata: { resourceVersion },
    items,
  });
}

/**
 * A watch: newline-separated events over a chunked response, from the store's change
 * events. Without a resourceVersion (or with `sendInitialEvents`) the current objects
 * come first as ADDED, as informers expect.
 */
export function serveWatch(r: ResourceRequest) {
  const { cluster, query, req, res } = r;
  const { rt, namespace } = r.target;
  const labels = parseLabelSelector(query.get('labelSelector'));
  const fieldSelector = r.target.name
    ? `metadata.name=${r.target.name}`
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

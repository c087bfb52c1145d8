import { matchesSelector } from '../api/selectors';
import { KubeObject } from '../types';
import { ControllerContext } from './context';

/** EndpointSlice controller: one slice per Service, listing its pods and whether each is ready. */
export function reconcileEndpointSlices(
  ctx: ControllerContext,
  namespace: string,
): void {
  const sliceType = ctx.type('discovery.k8s.io/v1', 'EndpointSlice');
  const pods = ctx.store.list(ctx.type('v1', 'Pod'), namespace);
  for (const service of ctx.store.list(ctx.type('v1', 'Service'), namespace)) {
    const selector = service.spec?.selector;
    if (!selector) continue;
    const name = `${service.metadata.name}-eps`;
    const slice: KubeObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name,
        namespace,
        labels: { 'kubernetes.io/service-name': service.metadata.name },
      },
      addressType: 'IPv4',
      endpoints: pods
        .filter(p =>
          matchesSelector(p.metadata.labels, { matchLabels: selector }),
        )
        .map(p => ({
          addresses: [p.status?.podIP ?? '10.244.0.1'],
          conditions: {
            ready: (p.status?.conditions ?? []).some(
              (c: any) => c.type === 'Ready' && c.status === 'True',
            ),
          },
          targetRef: { kind: 'Pod', name: p.metadata.name, namespace },
        })),
      ports: (service.spec?.ports ?? []).map((port: any) => ({
        name: port.name ?? '',
        port: port.targetPort ?? port.port,
        protocol: port.protocol ?? 'TCP',
      })),
    };
    const existing = ctx.store.get(sliceType, namespace, name);
    if (existing)
      ctx.store.update(sliceType, {
        ...existing,
        ...slice,
        metadata: { ...existing.metadata, ...slice.metadata },
      });
    else ctx.create(slice);
  }
}

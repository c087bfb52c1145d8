import { clusterWideReads, equalitySelector } from './clusterWideReads';
import { ClusterReads } from '../ports';

const workload = (ns: string, name: string) => ({
  kind: 'Deployment' as const,
  metadata: {
    name,
    namespace: ns,
    labels: { 'backstage.io/kubernetes-id': name },
  },
  template: { metadata: {}, spec: { containers: [] } },
});

function fakeClient(calls: string[]) {
  return {
    listWorkloads: async (o: { namespace?: string; labelSelector: string }) => {
      calls.push(`workloads ${o.namespace ?? '*'} ${o.labelSelector}`);
      return [
        workload('orders', 'orders-api'),
        workload('billing', 'billing-worker'),
      ];
    },
    listPodsAllNamespaces: async () => {
      calls.push('pods *');
      return [
        {
          metadata: {
            name: 'p1',
            namespace: 'orders',
            labels: { app: 'orders-api' },
          },
          spec: { containers: [] },
        },
        {
          metadata: {
            name: 'p2',
            namespace: 'billing',
            labels: { app: 'billing' },
          },
          spec: { containers: [] },
        },
      ];
    },
    listPods: async () => {
      calls.push('pods one');
      return [];
    },
    listServiceAccountsAllNamespaces: async () => {
      calls.push('sas *');
      return [
        { metadata: { name: 'orders-api', namespace: 'orders' } },
        { metadata: { name: 'billing-worker', namespace: 'billing' } },
      ];
    },
  } as unknown as ClusterReads;
}

describe('clusterWideReads', () => {
  it('lists once per cluster and answers each namespace and selector from it', async () => {
    const calls: string[] = [];
    const reads = clusterWideReads(fakeClient(calls));
    expect(
      (
        await reads.listWorkloads({ namespace: 'orders', labelSelector: '' })
      ).map(w => w.metadata.name),
    ).toEqual(['orders-api']);
    expect(
      (
        await reads.listWorkloads({
          labelSelector: 'backstage.io/kubernetes-id=billing-worker',
        })
      ).map(w => w.metadata.name),
    ).toEqual(['billing-worker']);
    expect(
      (
        await reads.listPods({
          namespace: 'orders',
          labelSelector: 'app=orders-api',
        })
      ).map(p => p.metadata.name),
    ).toEqual(['p1']);
    expect(
      (await reads.listServiceAccounts('billing')).map(s => s.metadata.name),
    ).toEqual(['billing-worker']);
    await reads.listServiceAccounts('orders');
    expect(calls).toEqual(['workloads * ', 'pods *', 'sas *']);
  });

  it('sends set-based selectors to the cluster as they are', async () => {
    const calls: string[] = [];
    const reads = clusterWideReads(fakeClient(calls));
    await reads.listPods({
      namespace: 'orders',
      labelSelector: 'app in (a,b)',
    });
    expect(calls).toEqual(['pods one']);
    expect(equalitySelector('a=b, c==d')).toEqual({ a: 'b', c: 'd' });
    expect(equalitySelector('a!=b')).toBeUndefined();
  });
});

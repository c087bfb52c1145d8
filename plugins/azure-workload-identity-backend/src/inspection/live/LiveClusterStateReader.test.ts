import { baselineRequest } from '../__testUtils__/baselineBinding';
import { baselineCluster } from '../__testUtils__/baselineCluster';
import { W } from '../__testUtils__/world';
import { DiscoveryResult, ManagedCluster } from '../azureTypes';
import { Workload } from '../kubernetesTypes';
import { valueOf } from '../reads';
import { RequestRecordFacts } from '../snapshot';
import {
  fakeArmReads,
  fakeClusterReads,
  httpError,
} from './__testUtils__/fakeReads';
import { LiveClusterStateReader } from './LiveClusterStateReader';
import { InspectedCluster, Once } from './readers';

const SELECTOR = 'backstage.io/kubernetes-id=orders-api';
const DISCOVERY: DiscoveryResult = { httpStatus: 200, document: {} };

function managedCluster(): ManagedCluster {
  return valueOf(baselineCluster().managedCluster)!;
}

function deployment(name: string, namespace: string): Workload {
  return {
    kind: 'Deployment',
    metadata: {
      name,
      namespace,
      labels: { 'backstage.io/kubernetes-id': 'orders-api' },
    },
    template: { metadata: {}, spec: { containers: [] } },
  };
}

/** A reader on fakes; the issuer's discovery document is answered from `once`'s memo. */
function readerOn(kubernetes: ReturnType<typeof fakeClusterReads>) {
  const onceKeys: string[] = [];
  const once: Once = async <T>(key: string, read: () => Promise<T>) => {
    onceKeys.push(key);
    return key.startsWith('discovery ') ? (DISCOVERY as T) : read();
  };
  const azure = fakeArmReads({ cluster: managedCluster() });
  const cluster: InspectedCluster = {
    name: 'aks-prod',
    subscriptionId: W.sub,
    resourceGroup: 'rg-aks',
    kubernetes,
  };
  const reader = new LiveClusterStateReader({
    azure,
    once,
    probe: { enabledOn: () => true },
  });
  const read = (records: RequestRecordFacts[] = []) =>
    reader.read({ cluster, selector: SELECTOR, records });
  return { read, azure, onceKeys };
}

describe('LiveClusterStateReader', () => {
  it('reads no further than ARM and the workload list where the component has nothing', async () => {
    const kubernetes = fakeClusterReads({});
    const { read, azure } = readerOn(kubernetes);
    const { snapshot, places } = await read();
    expect(places).toEqual([]);
    expect(kubernetes.calls).toEqual([
      `listWorkloads {"labelSelector":"${SELECTOR}"}`,
    ]);
    expect(azure.calls).toEqual([
      `getManagedCluster {"subscriptionId":"${W.sub}","resourceGroup":"rg-aks","name":"aks-prod"}`,
    ]);
    expect(
      [
        snapshot.discovery,
        snapshot.webhookConfigurations,
        snapshot.webhookDeployments,
        snapshot.webhookConfigMap,
        snapshot.namespaces,
      ].map(r => r.status === 'not-found' && r.reason),
    ).toEqual(Array(5).fill('no workload on this cluster'));
    expect([snapshot.serviceAccounts, snapshot.probeEnabled]).toEqual([
      {},
      true,
    ]);
  });

  it("reads the issuer once, the webhook's config map where the webhook runs, and each namespace's service accounts once", async () => {
    const kubernetes = fakeClusterReads({
      workloads: [
        deployment('orders-api', 'orders'),
        deployment('orders-worker', 'orders'),
      ],
      webhookDeployments: [
        {
          metadata: {
            name: 'azure-wi-webhook-controller-manager',
            namespace: 'azure-workload-identity-system',
          },
          availableReplicas: 1,
          readyEndpoints: 1,
        },
      ],
    });
    const { read, onceKeys } = readerOn(kubernetes);
    const { snapshot, places } = await read();
    expect(
      places.map(p => [p.namespace, valueOf(p.workload)?.metadata.name]),
    ).toEqual([
      ['orders', 'orders-api'],
      ['orders', 'orders-worker'],
    ]);
    expect(onceKeys).toEqual([`discovery ${W.issuer}`]);
    expect(snapshot.discovery).toMatchObject({
      status: 'ok',
      value: DISCOVERY,
    });
    expect(
      kubernetes.calls.filter(c => /ConfigMap|ServiceAccounts/.test(c)).sort(),
    ).toEqual([
      'getWebhookConfigMap "azure-workload-identity-system"',
      'listServiceAccounts "orders"',
    ]);
  });

  it('gives a request whose workload is gone a binding place of its own', async () => {
    const kubernetes = fakeClusterReads({
      workloads: [deployment('orders-api', 'orders')],
    });
    const { read } = readerOn(kubernetes);
    const gone = { ...baselineRequest(), namespace: 'billing' };
    const { snapshot, places } = await read([baselineRequest(), gone, gone]);
    expect(places.map(p => [p.namespace, p.workload.status])).toEqual([
      ['orders', 'ok'],
      ['billing', 'not-found'],
    ]);
    expect(places[1].workload).toMatchObject({
      reason: `no workload labelled ${SELECTOR} in billing`,
    });
    expect(Object.keys(snapshot.serviceAccounts)).toEqual([
      'orders',
      'billing',
    ]);
  });

  it('reads the cluster on when its workloads cannot be listed: they may be there', async () => {
    const kubernetes = fakeClusterReads({
      fail: { listWorkloads: httpError(403, 'workloads are forbidden') },
    });
    const { read } = readerOn(kubernetes);
    const { snapshot, places } = await read();
    expect(places).toEqual([]);
    expect([
      snapshot.webhookDeployments.status,
      snapshot.namespaces.status,
      snapshot.discovery.status,
    ]).toEqual(['ok', 'ok', 'ok']);
  });
});

import { baselineBinding } from '../__testUtils__/baselineBinding';
import { baselineCluster } from '../__testUtils__/baselineCluster';
import { W } from '../__testUtils__/world';
import { FederatedCredential } from '../azureTypes';
import { Workload } from '../kubernetesTypes';
import { ClusterSnapshot } from '../snapshot';
import { fakeClusterReads } from './__testUtils__/fakeReads';
import { InspectedCluster } from './readers';
import { withSubjectWorkloads } from './subjectWorkloads';

const DEV_ISSUER = 'https://oidc.dev-aks.example/tenant/dev/';

const credential = (issuer: string, subject: string): FederatedCredential => ({
  name: subject,
  properties: { issuer, subject, audiences: ['api://AzureADTokenExchange'] },
});

const billingWorker: Workload = {
  kind: 'Deployment',
  metadata: { name: 'billing-worker', namespace: 'billing' },
  template: { metadata: {}, spec: { containers: [] } },
};

function devSnapshot(): ClusterSnapshot {
  const snapshot = baselineCluster();
  snapshot.name = 'aks-dev';
  if (snapshot.managedCluster.status === 'ok') {
    snapshot.managedCluster.value.properties.oidcIssuerProfile = {
      enabled: true,
      issuerURL: DEV_ISSUER,
    };
  }
  return snapshot;
}

describe('withSubjectWorkloads', () => {
  it("reads the workloads of each namespace the identity's credentials trust, on the cluster whose issuer they name", async () => {
    const prod = fakeClusterReads({});
    const dev = fakeClusterReads({ workloads: [billingWorker] });
    const clusters: InspectedCluster[] = [
      {
        name: 'aks-prod',
        subscriptionId: W.sub,
        resourceGroup: 'rg-aks',
        kubernetes: prod,
      },
      {
        name: 'aks-dev',
        subscriptionId: W.sub,
        resourceGroup: 'rg-dev',
        kubernetes: dev,
      },
    ];
    const binding = baselineBinding();
    binding.namespaceWorkloads = { status: 'ok', value: [] };
    binding.federatedCredentials = {
      status: 'ok',
      value: [
        credential(W.issuer, 'system:serviceaccount:orders:orders-api'),
        credential(DEV_ISSUER, 'system:serviceaccount:billing:billing-worker'),
        credential('https://unknown.example/', 'system:serviceaccount:x:y'),
        credential(W.issuer, 'repo:contoso/orders:ref:refs/heads/main'),
      ],
    };
    const [placed] = await withSubjectWorkloads({
      clusters,
      snapshots: [baselineCluster(), devSnapshot()],
      bindings: [binding],
    });
    const subjects = placed.subjectWorkloads ?? {};
    expect(Object.keys(subjects)).toEqual([
      'aks-prod/orders',
      'aks-dev/billing',
    ]);
    // The binding's own namespace was listed with it: not read again.
    expect(subjects['aks-prod/orders']).toBe(binding.namespaceWorkloads);
    expect(subjects['aks-dev/billing']).toMatchObject({
      status: 'ok',
      value: [billingWorker],
    });
    expect([prod.calls, dev.calls]).toEqual([
      [],
      ['listWorkloads {"namespace":"billing","labelSelector":""}'],
    ]);
  });
});

import { baselineRequest } from '../__testUtils__/baselineBinding';
import { baselineCluster } from '../__testUtils__/baselineCluster';
import { NOW, W } from '../__testUtils__/world';
import { ManagedIdentity, TargetResource } from '../azureTypes';
import { Workload } from '../kubernetesTypes';
import { valueOf } from '../reads';
import { RequestRecordFacts } from '../snapshot';
import {
  fakeArmReads,
  fakeClusterReads,
  httpError,
} from './__testUtils__/fakeReads';
import { LiveBindingReader } from './LiveBindingReader';
import { onceIn, ProbeReader } from './readers';

const IDENTITY: ManagedIdentity = {
  id: W.identityId,
  name: 'wi-orders',
  properties: {
    clientId: W.clientId,
    principalId: W.principalId,
    tenantId: W.tenant,
  },
};

const WORKLOAD: Workload = {
  kind: 'Deployment',
  metadata: { name: 'orders-api', namespace: 'orders' },
  template: {
    metadata: {},
    spec: {
      serviceAccountName: 'orders-api',
      containers: [
        { name: 'app', env: [{ name: 'AZURE_CLIENT_ID', value: W.clientId }] },
      ],
    },
  },
};

function target(id: string, publicNetworkAccess: string): TargetResource {
  return {
    id,
    name: id.split('/').pop()!,
    type: 'Microsoft.Storage/storageAccounts',
    properties: { publicNetworkAccess },
  };
}

/** The probe reader as the binding reader sees it, keeping who it was asked for. */
function probeReader(): ProbeReader & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    enabledOn: () => true,
    read: async input => {
      asked.push([input.serviceAccountName, input.clientId]);
      return { status: 'ok', value: { status: 'succeeded', at: 'now' } };
    },
  };
}

function readBinding(options: {
  azure: ReturnType<typeof fakeArmReads>;
  inventory?: ManagedIdentity[];
  records?: RequestRecordFacts[];
  workload?: Workload;
  inspectSecrets?: boolean;
}) {
  const kubernetes = fakeClusterReads({});
  const probe = probeReader();
  const reader = new LiveBindingReader({
    azure: options.azure,
    once: onceIn(new Map()),
    probe,
    subscriptionIds: [W.sub],
    inspectSecrets: options.inspectSecrets,
    requestsOfIdentity: async () => [],
  });
  const read = reader.read({
    cluster: {
      name: 'aks-prod',
      subscriptionId: W.sub,
      resourceGroup: 'rg-aks',
      kubernetes,
    },
    clusterSnapshot: baselineCluster(),
    place: {
      namespace: 'orders',
      workload: options.workload
        ? { status: 'ok', value: options.workload }
        : { status: 'not-found', reason: 'gone' },
    },
    selector: 'backstage.io/kubernetes-id=orders-api',
    records: options.records ?? [],
    entity: { entityRef: 'component:default/orders-api', annotations: {} },
    inventory: options.inventory ?? [],
    now: NOW,
  });
  return { read, kubernetes, probe };
}

describe('LiveBindingReader', () => {
  it("finds the identity by the workload's client id among those listed, and reads its credentials and roles", async () => {
    const azure = fakeArmReads({
      credentials: { [W.identityId]: [] },
      assignments: [],
    });
    const { read, probe } = readBinding({
      azure,
      inventory: [IDENTITY],
      workload: WORKLOAD,
    });
    const binding = await read;
    expect(valueOf(binding.identity)?.id).toBe(W.identityId);
    expect(azure.calls).toEqual([
      `listFederatedCredentials "${W.identityId}"`,
      `listRoleAssignments {"principalId":"${W.principalId}","subscriptionIds":["${W.sub}"]}`,
    ]);
    expect(probe.asked).toEqual([['orders-api', W.clientId]]);
    expect(binding.identityRequests).toMatchObject({ status: 'ok', value: [] });
  });

  it('reads the identity a request recorded when the workload is gone, and asks after it when ARM refuses', async () => {
    const found = readBinding({
      azure: fakeArmReads({ identities: [IDENTITY], credentials: {} }),
      records: [baselineRequest()],
    });
    expect(valueOf((await found.read).identity)?.id).toBe(W.identityId);

    const azure = fakeArmReads({
      credentials: { [W.identityId]: [] },
      fail: { getIdentity: httpError(403, 'AuthorizationFailed') },
    });
    const refused = await readBinding({ azure, records: [baselineRequest()] })
      .read;
    expect([
      refused.identity.status,
      refused.federatedCredentials.status,
      refused.roleAssignments.status,
    ]).toEqual(['forbidden', 'ok', 'ok']);
  });

  it('does not guess an identity for a workload that names none', async () => {
    const azure = fakeArmReads({});
    const binding = await readBinding({ azure }).read;
    expect([
      binding.identity,
      binding.federatedCredentials,
      binding.roleAssignments,
    ]).toEqual([
      { status: 'not-found', reason: 'the workload names no identity' },
      { status: 'not-found', reason: 'no identity to read' },
      { status: 'not-found', reason: 'no identity to read' },
    ]);
    expect(azure.calls).toEqual([]);
  });

  it('reads the network only to a target closed to the internet', async () => {
    const open = `${W.storageId}open`;
    const azure = fakeArmReads({
      resources: {
        [W.storageId]: target(W.storageId, 'Disabled'),
        [open]: target(open, 'Enabled'),
      },
      // The VNet of the cluster's node pool, the one end of the path.
      network: {
        [W.nodeSubnet.replace(/\/subnets\/.*$/, '')]: {
          id: 'vnet-aks',
          name: 'vnet-aks',
          properties: {},
        },
      },
    });
    const request = baselineRequest();
    request.targets = [
      { resourceId: W.storageId, intent: 'read' },
      { resourceId: open, intent: 'read' },
    ];
    const binding = await readBinding({ azure, records: [request] }).read;
    expect(
      binding.targets.map(t => [t.resourceId, t.network?.status ?? 'none']),
    ).toEqual([
      [W.storageId, 'ok'],
      [open, 'none'],
    ]);
    expect(
      azure.calls.filter(c => c.startsWith('getNetworkResource')),
    ).toHaveLength(1);
  });

  it("lists Secrets' key names only when asked to", async () => {
    const quiet = readBinding({ azure: fakeArmReads({}) });
    const asked = readBinding({
      azure: fakeArmReads({}),
      inspectSecrets: true,
    });
    const [without, withSecrets] = [await quiet.read, await asked.read];
    expect(['secrets' in without, withSecrets.secrets?.status]).toEqual([
      false,
      'ok',
    ]);
    expect(
      [quiet, asked].map(r =>
        r.kubernetes.calls.some(c => c.startsWith('listSecretKeys')),
      ),
    ).toEqual([false, true]);
  });
});

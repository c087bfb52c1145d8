import { BASELINE } from '../azure';
import { KubernetesClusterSpec, stableGuid } from '../kubernetes';
import {
  CatalogCluster,
  CatalogComponent,
  DemoCatalog,
  readDemoCatalog,
} from './catalog';
import { Scenario, SCENARIO_ORDER, SCENARIOS } from './scenarios';

export interface DemoTarget {
  /** ARM id of the target resource. */
  id: string;
  /** Built-in role name granted (or, for a broken scenario, expected). */
  role: string;
  intent: 'read' | 'write' | 'send' | 'receive' | 'manage';
}

export interface DemoCluster extends CatalogCluster {
  subscriptionId: string;
  resourceGroup: string;
  aadPodIdentity: boolean;
  /** A scenario on it needs a rebuilt cluster (issuer changed once). */
  rebuilt: boolean;
  /**
   * It runs the baseline component (orders-api with wi-orders), so it takes the baseline
   * world's issuer GUID and kubelet identity: the backend's snapshot fixtures and this twin
   * then describe one world.
   */
  hostsBaseline: boolean;
}

export interface DemoComponent {
  component: CatalogComponent;
  scenario: Scenario;
  subscriptionId: string;
  /** Where its identity and target resources live. */
  resourceGroup: string;
  /** Undefined while access is only requested. */
  identity?: { name: string; clientId: string; principalId: string };
  targets: DemoTarget[];
}

export interface DemoWorld {
  catalogPath: string;
  catalog: DemoCatalog;
  tenantId: string;
  clusters: DemoCluster[];
  components: DemoComponent[];
  /** The specs startKubernetesTwin takes for these clusters. */
  clusterSpecs(): KubernetesClusterSpec[];
}

const subscriptionId = (n: number) =>
  `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;

/** Storage account names: 3–24 lower-case letters and digits. */
const storageName = (ns: string) =>
  `${ns.replace(/[^a-z0-9]/g, '')}data`.slice(0, 24);

/**
 * The demo world's plan: the catalog's clusters and components, each
 * component with its scenario, identity and target resources. Names of
 * identities and resources derive from the component's namespace, so the
 * first healthy component reproduces the baseline world of the backend's
 * inspection tests (wi-orders, ordersdata, kv-orders).
 */
export async function loadDemoWorld(catalogPath: string): Promise<DemoWorld> {
  const catalog = await readDemoCatalog(catalogPath);
  const clusters: DemoCluster[] = catalog.clusters.map(c => ({
    ...c,
    subscriptionId: subscriptionId(c.subscriptionIndex),
    resourceGroup: 'rg-aks',
    aadPodIdentity: false,
    rebuilt: false,
    hostsBaseline: false,
  }));
  const components: DemoComponent[] = [];
  clusters.forEach((cluster, index) => {
    const order = SCENARIO_ORDER[index] ?? [];
    const mine = catalog.components.filter(c => c.cluster === cluster.name);
    if (mine.length < order.length)
      throw new Error(
        `demo catalog: cluster ${cluster.name} has ${mine.length} components, the demo stages ${order.length}`,
      );
    mine.forEach((component, i) => {
      const scenario = SCENARIOS[order[i] ?? 'healthy-baseline'];
      if (scenario.rebuildsCluster) cluster.rebuilt = true;
      if (scenario.needsAadPodIdentity) cluster.aadPodIdentity = true;
      const planned = plan(component, scenario, cluster);
      if (planned.identity?.clientId === BASELINE.identity.clientId)
        cluster.hostsBaseline = true;
      components.push(planned);
    });
  });
  return {
    catalogPath,
    catalog,
    tenantId: BASELINE.tenantId,
    clusters,
    components,
    clusterSpecs: () =>
      clusters.map(c => ({
        name: c.name,
        subscriptionId: c.subscriptionId,
        resourceGroup: c.resourceGroup,
        location: c.location,
        aadPodIdentity: c.aadPodIdentity,
        issuerGuid: c.hostsBaseline ? BASELINE.aksIssuerGuid : undefined,
      })),
  };
}

// Staged before any access was given: no identity, an unannotated service account, pods
// without the workload identity label.
const HAS_NO_IDENTITY: Scenario['id'][] = ['pending-request', 'no-access-yet'];

function plan(
  component: CatalogComponent,
  scenario: Scenario,
  cluster: DemoCluster,
): DemoComponent {
  const ns = component.namespace;
  const rg = `/subscriptions/${cluster.subscriptionId}/resourceGroups/rg-apps/providers`;
  const storage = `${rg}/Microsoft.Storage/storageAccounts/${storageName(ns)}`;
  const vault = `${rg}/Microsoft.KeyVault/vaults/${`kv-${ns}`.slice(0, 24)}`;
  const serviceBus = `${rg}/Microsoft.ServiceBus/namespaces/sb-${ns}`;
  const eventHubs = `${rg}/Microsoft.EventHub/namespaces/evh-${ns}`;
  const baseline =
    scenario.id === 'healthy-baseline' && cluster.subscriptionIndex === 1;
  const identity = {
    name: `wi-${ns}`,
    clientId: baseline
      ? BASELINE.identity.clientId
      : stableGuid(`demo/client/${component.name}`),
    principalId: baseline
      ? BASELINE.identity.principalId
      : stableGuid(`demo/principal/${component.name}`),
  };
  const targets: Record<Scenario['id'], DemoTarget[]> = {
    'healthy-baseline': [
      { id: storage, role: 'Storage Blob Data Reader', intent: 'read' },
      { id: vault, role: 'Key Vault Secrets User', intent: 'read' },
    ],
    'healthy-three-resource-types': [
      { id: serviceBus, role: 'Azure Service Bus Data Sender', intent: 'send' },
      { id: vault, role: 'Key Vault Secrets User', intent: 'read' },
      { id: storage, role: 'Storage Blob Data Reader', intent: 'read' },
    ],
    'fic-subject-namespace-mismatch': [
      { id: storage, role: 'Storage Blob Data Contributor', intent: 'write' },
    ],
    'ra-missing': [
      { id: eventHubs, role: 'Azure Event Hubs Data Sender', intent: 'send' },
    ],
    'kv-access-policy-mode-no-policy': [
      { id: vault, role: 'Key Vault Certificates Officer', intent: 'manage' },
    ],
    'pending-request': [
      { id: storage, role: 'Storage Blob Data Reader', intent: 'read' },
    ],
    'no-access-yet': [
      { id: storage, role: 'Storage Blob Data Reader', intent: 'read' },
    ],
    'sa-client-id-is-principal-id': [
      {
        id: serviceBus,
        role: 'Azure Service Bus Data Receiver',
        intent: 'receive',
      },
    ],
    'pod-label-missing': [
      { id: storage, role: 'Storage Blob Data Contributor', intent: 'write' },
    ],
    'fic-issuer-stale': [
      { id: storage, role: 'Storage Blob Data Reader', intent: 'read' },
    ],
    'pod-aad-pod-identity-leftover': [
      { id: storage, role: 'Storage Blob Data Reader', intent: 'read' },
    ],
    'resource-private-endpoint-unusable': [
      { id: vault, role: 'Key Vault Secrets User', intent: 'read' },
    ],
  };
  return {
    component,
    scenario,
    subscriptionId: cluster.subscriptionId,
    resourceGroup: 'rg-apps',
    identity: HAS_NO_IDENTITY.includes(scenario.id) ? undefined : identity,
    targets: targets[scenario.id],
  };
}

import { createHash } from 'node:crypto';
import {
  applySeed,
  AzureSeed,
  AzureState,
  AzureTwin,
  BASELINE,
  ROLE_IDS,
} from '../azure';
import { KubernetesTwin, stableGuid } from '../kubernetes';
import { SigningKey } from '../oidc';
import {
  demoNamespaceOwners,
  demoObjects,
  namespaceKey,
} from './kubernetesObjects';
import { OWNERSHIP } from './ownership';
import { nodeVnetOf, privateVault, targetResources } from './targetResources';
import { DemoCluster, DemoWorld } from './world';

const DAY = 24 * 60 * 60 * 1000;
// One key per rebuilt issuer for the life of the process: resets stay fast (no RSA generation).
const rebuiltKeys = new Map<string, SigningKey>();

/** The issuer each demo cluster serves, and the one it had before a rebuild. */
export function demoIssuers(
  world: DemoWorld,
  kubernetes: KubernetesTwin,
  clusterName: string,
): { current: string; previous?: string } {
  const cluster = world.clusters.find(c => c.name === clusterName)!;
  const initial = kubernetes.initialIssuerUrl(clusterName);
  if (!cluster.rebuilt) return { current: initial };
  return {
    current: kubernetes.issuerUrlFor(
      stableGuid(`${clusterName}/issuer/rebuilt`),
    ),
    previous: initial,
  };
}

// Counts changes to the seed that its plan below does not show (the baseline's kubelet identity
// on aks-prod came with 2).
const DEMO_SEED_REVISION = 2;

/**
 * Names the demo's Azure seed by what a saved state must agree with: the issuer each cluster
 * serves, and each component's scenario and identity. State saved under an older name is not
 * loaded at start, so the twin never mixes an old world with the clusters it now serves.
 */
export function demoSeedLabel(
  world: DemoWorld,
  kubernetes: KubernetesTwin,
): string {
  const plan = {
    revision: DEMO_SEED_REVISION,
    clusters: world.clusters.map(c => [
      c.name,
      demoIssuers(world, kubernetes, c.name).current,
    ]),
    components: world.components.map(d => [
      d.component.name,
      d.scenario.id,
      d.identity?.clientId ?? null,
    ]),
  };
  const digest = createHash('sha256')
    .update(JSON.stringify(plan))
    .digest('hex');
  return `demo:${digest.slice(0, 16)}`;
}

/** The baseline world's kubelet identity, in the form AKS gives it (a lower-case `resourcegroups`). */
function baselineKubelet(c: DemoCluster) {
  const nodeGroup = `MC_${c.resourceGroup}_${c.name}_${c.location}`;
  return {
    identityProfile: {
      kubeletidentity: {
        ...BASELINE.kubelet,
        resourceId: `/subscriptions/${c.subscriptionId}/resourcegroups/${nodeGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${c.name}-agentpool`,
      },
    },
  };
}

/**
 * The Azure half of the demo, as a seed function for `createAzureTwin({ seed })`
 * so that the Azure twin's own reset restores it: resource groups, managed
 * clusters with the issuer the Kubernetes twin serves, identities, FICs,
 * target resources and role assignments as each scenario stages them.
 */
export function demoAzureSeed(
  world: DemoWorld,
  kubernetes: KubernetesTwin,
  portal?: { objectId: string },
): (state: AzureState) => void {
  return state => {
    for (const c of world.clusters) state.addSubscription(c.subscriptionId);
    const seed: Required<
      Pick<
        AzureSeed,
        | 'resourceGroups'
        | 'managedClusters'
        | 'identities'
        | 'resources'
        | 'roleAssignments'
        | 'secrets'
        | 'blobs'
      >
    > = {
      resourceGroups: [],
      managedClusters: [],
      identities: [],
      resources: [],
      roleAssignments: [],
      secrets: [],
      blobs: [],
    };
    const seenRg = new Set<string>();
    const addRg = (subscriptionId: string, name: string, location: string) => {
      if (seenRg.has(`${subscriptionId}/${name}`)) return;
      seenRg.add(`${subscriptionId}/${name}`);
      seed.resourceGroups.push({ subscriptionId, name, location });
    };
    const oneDayAgo = new Date(Date.now() - DAY).toISOString();
    for (const c of world.clusters) {
      addRg(c.subscriptionId, c.resourceGroup, c.location);
      addRg(c.subscriptionId, 'rg-apps', c.location);
      if (portal && c.subscriptionIndex !== 1)
        seed.roleAssignments.push({
          role: ROLE_IDS.owner,
          scope: `/subscriptions/${c.subscriptionId}`,
          principalId: portal.objectId,
          description: 'The portal principal of the sandbox',
        });
      // Each cluster's nodes sit in a VNet of its own, as with Azure CNI on a custom VNet.
      const vnet = nodeVnetOf(c);
      seed.managedClusters.push({
        subscriptionId: c.subscriptionId,
        resourceGroup: c.resourceGroup,
        name: c.name,
        location: c.location,
        issuerUrl: demoIssuers(world, kubernetes, c.name).current,
        oidcIssuerEnabled: true,
        workloadIdentityEnabled: true,
        extraProperties: {
          agentPoolProfiles: [
            { name: 'nodepool1', vnetSubnetID: `${vnet}/subnets/nodes` },
          ],
          ...(c.hostsBaseline ? baselineKubelet(c) : {}),
        },
      });
      seed.resources.push({
        id: vnet,
        location: c.location,
        properties: {
          addressSpace: { addressPrefixes: ['10.224.0.0/12'] },
          subnets: [{ id: `${vnet}/subnets/nodes`, name: 'nodes' }],
        },
      });
    }
    const resources = new Map<
      string,
      NonNullable<AzureSeed['resources']>[number]
    >();
    for (const d of world.components) {
      const cluster = world.clusters.find(c => c.name === d.component.cluster)!;
      const issuers = demoIssuers(world, kubernetes, cluster.name);
      for (const t of d.targets)
        for (const r of targetResources(d, t.id, cluster.location))
          if (!resources.has(r.id.toLowerCase()))
            resources.set(r.id.toLowerCase(), r);
      if (d.scenario.id === 'resource-private-endpoint-unusable')
        for (const r of privateVault(d, cluster))
          resources.set(r.id.toLowerCase(), r);
      if (!d.identity) continue;
      const { namespace, kubernetesId } = d.component;
      const subjectNamespace =
        d.scenario.id === 'fic-subject-namespace-mismatch'
          ? namespace.slice(0, -1)
          : namespace;
      seed.identities.push({
        subscriptionId: d.subscriptionId,
        resourceGroup: d.resourceGroup,
        name: d.identity.name,
        clientId: d.identity.clientId,
        principalId: d.identity.principalId,
        location: cluster.location,
        // As the portal tags the identities it creates (its provenance).
        tags: {
          [OWNERSHIP.entityRefTag]: d.component.entityRef,
          [OWNERSHIP.managedByTag]: OWNERSHIP.managedByValue,
        },
        federatedCredentials: [
          {
            name: kubernetesId,
            issuer:
              d.scenario.id === 'fic-issuer-stale'
                ? issuers.previous ?? issuers.current
                : issuers.current,
            subject: `system:serviceaccount:${subjectNamespace}:${kubernetesId}`,
          },
        ],
      });
      if (d.scenario.id !== 'ra-missing')
        for (const t of d.targets)
          seed.roleAssignments.push({
            role: t.role,
            scope: t.id,
            principalId: d.identity.principalId,
            principalType: 'ServicePrincipal',
            createdOn: oneDayAgo,
            name: stableGuid(
              `demo/ra/${t.id}/${t.role}/${d.identity.principalId}`,
            ),
          });
    }
    seed.resources.push(...resources.values());
    // Role assignments and secrets of other subscriptions go through applySeed with explicit ids.
    applySeed(state, seed);
  };
}

/**
 * The Kubernetes half of the demo: per component its namespace, service
 * account, deployment and pods (through the twin's own admission, so pods
 * are mutated exactly when a real webhook would mutate them), plus the
 * rebuilt cluster's new issuer and aad-pod-identity leftovers. Objects are
 * dated two days back so ages look lived-in.
 */
export function seedDemoKubernetes(
  world: DemoWorld,
  kubernetes: KubernetesTwin,
): void {
  for (const c of world.clusters) {
    const issuers = demoIssuers(world, kubernetes, c.name);
    const cluster = kubernetes.cluster(c.name);
    if (issuers.previous && cluster.issuer.url !== issuers.current) {
      const key = rebuiltKeys.get(issuers.current);
      if (!key) {
        cluster.issuer.changeUrl(issuers.current);
        rebuiltKeys.set(issuers.current, cluster.issuer.signingKey);
      } else cluster.issuer.changeUrl(issuers.current, { key });
    }
  }
  const at = Date.now() - 2 * DAY;
  const owners = demoNamespaceOwners(world);
  for (const d of world.components) {
    const cluster = kubernetes.cluster(d.component.cluster);
    const namespaceOwners = owners.get(
      namespaceKey(d.component.cluster, d.component.namespace),
    )!;
    cluster.at(at, () => {
      for (const object of demoObjects(d, namespaceOwners))
        cluster.apply(object);
    });
  }
}

/** A pending access request, in the shape the backend plugin's request store can import. */
export interface DemoPendingRequest {
  id: string;
  entityRef: string;
  requestedBy: string;
  status: 'pending';
  createdAt: string;
  cluster: string;
  namespace: string;
  serviceAccount: string;
  targets: Array<{ resourceId: string; intent: string; role: string }>;
  justification: string;
}

/**
 * Request records of the demo that live in the backend plugin's store (not
 * in Azure or Kubernetes): the pending request of the component staged
 * `pending-request`. `npm start` files these through the portal's own API,
 * as their requesters would (scripts/seed-demo-requests.ts).
 */
export function demoPendingRequests(world: DemoWorld): DemoPendingRequest[] {
  return world.components
    .filter(d => d.scenario.id === 'pending-request')
    .map(d => ({
      id: `req-${stableGuid(`demo/request/${d.component.name}`).slice(0, 8)}`,
      entityRef: d.component.entityRef,
      requestedBy: `user:default/${
        world.catalog.groupMembers[d.component.owner]?.[0] ?? 'guest'
      }`,
      status: 'pending',
      createdAt: new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString(),
      cluster: d.component.cluster,
      namespace: d.component.namespace,
      serviceAccount: d.component.kubernetesId,
      targets: d.targets.map(t => ({
        resourceId: t.id,
        intent: t.intent,
        role: t.role,
      })),
      justification:
        'First Azure access for the shop front: read product images from Blob Storage.',
    }));
}

/** Issuers the demo's rebuilt clusters had before (the inspector's issuer history: a FIC still trusting one is `fic-issuer-stale`). */
export function demoIssuerHistory(
  world: DemoWorld,
  kubernetes: KubernetesTwin,
): Array<{
  cluster: string;
  issuer: string;
  firstSeen: string;
  lastSeen: string;
}> {
  return world.clusters.flatMap(c => {
    const { previous } = demoIssuers(world, kubernetes, c.name);
    return previous
      ? [
          {
            cluster: c.name,
            issuer: previous,
            firstSeen: new Date(Date.now() - 90 * DAY).toISOString(),
            lastSeen: new Date(Date.now() - 3 * DAY).toISOString(),
          },
        ]
      : [];
  });
}

/** Seeds both halves into twins that were just started or reset. */
export async function seedDemoWorld(options: {
  world: DemoWorld;
  azure: Pick<AzureTwin, 'state' | 'portal'>;
  kubernetes: KubernetesTwin;
}): Promise<void> {
  demoAzureSeed(
    options.world,
    options.kubernetes,
    options.azure.portal,
  )(options.azure.state);
  seedDemoKubernetes(options.world, options.kubernetes);
  await options.kubernetes.writeConfigFiles();
}

/**
 * Puts the demo back as it was at start: the Azure twin's reset (which
 * re-runs `demoAzureSeed` when it was given as its seed, else it is applied
 * here), the Kubernetes twin's reset, then the Kubernetes objects.
 */
export async function resetDemoWorld(options: {
  world: DemoWorld;
  azure: Pick<AzureTwin, 'state' | 'portal' | 'reset'>;
  kubernetes: KubernetesTwin;
  azureSeededByTwin?: boolean;
}): Promise<void> {
  options.azure.reset();
  options.kubernetes.reset();
  if (!options.azureSeededByTwin)
    demoAzureSeed(
      options.world,
      options.kubernetes,
      options.azure.portal,
    )(options.azure.state);
  seedDemoKubernetes(options.world, options.kubernetes);
  await options.kubernetes.writeConfigFiles();
}

import { createHash } from 'node:crypto';
import { armResponseId } from '../ids';
import { ManagedClusterRecord } from '../state/types';

const MC_TYPE = 'Microsoft.ContainerService/managedClusters';
type Properties = Record<string, unknown>;

/**
 * A managed cluster as AKS answers GET at 2022-11-01, the api-version az 2.45 and
 * azure-mgmt-containerservice 21 send. The fields follow the spec's own example,
 * specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/
 * 2022-11-01/examples/ManagedClustersGet.json, for a cluster that runs with a system-assigned
 * identity (so `servicePrincipalProfile.clientId` is `msi`, which az reads on every show) and
 * AKS-managed Entra ID integration (`aadProfile`), the way the twin's clusters authenticate.
 *
 * Left out of the example on purpose: `diskEncryptionSetID`, `linuxProfile` and the load
 * balancer's `outboundIPs`/`effectiveOutboundIPs`, because each names a resource or key the
 * twin does not hold, and readers such as the portal's inspection follow those ids.
 *
 * `extraProperties` of the record (what seeds and scenarios stage: agent pool subnets,
 * identityProfile, addonProfiles, networkProfile…) win over these defaults; agent pools and
 * the network profile are merged field by field so a seeded `vnetSubnetID` keeps the rest.
 */
export function renderManagedCluster(c: ManagedClusterRecord) {
  const rest: Properties = { ...c.extraProperties };
  const pools = agentPools(c, rest.agentPoolProfiles);
  const seededNetwork = rest.networkProfile as Properties | undefined;
  const seededSecurity = rest.securityProfile as Properties | undefined;
  delete rest.agentPoolProfiles;
  delete rest.networkProfile;
  delete rest.securityProfile;
  const tenantId = c.identity?.tenantId;
  return {
    id: armResponseId(
      c.subscriptionId,
      c.resourceGroup,
      `${MC_TYPE}/${c.name}`,
    ),
    name: c.name,
    // AKS answers with a capital M here.
    type: 'Microsoft.ContainerService/ManagedClusters',
    location: c.location,
    sku: { name: 'Basic', tier: 'Free' },
    ...(c.identity ? { identity: c.identity } : {}),
    properties: {
      provisioningState: 'Succeeded',
      powerState: { code: 'Running' },
      maxAgentPools: 100,
      kubernetesVersion: c.kubernetesVersion,
      currentKubernetesVersion: c.kubernetesVersion,
      dnsPrefix: c.fqdn.split('.')[0],
      fqdn: c.fqdn,
      azurePortalFQDN: c.fqdn.replace('.hcp.', '.portal.hcp.'),
      agentPoolProfiles: pools,
      servicePrincipalProfile: { clientId: 'msi' },
      nodeResourceGroup: `MC_${c.resourceGroup}_${c.name}_${c.location}`,
      enableRBAC: true,
      networkProfile: {
        ...networkProfile(pools),
        ...seededNetwork,
      },
      aadProfile: {
        managed: true,
        enableAzureRBAC: false,
        ...(tenantId ? { tenantID: tenantId } : {}),
      },
      disableLocalAccounts: false,
      ...(c.identity ? { identityProfile: kubeletIdentity(c) } : {}),
      ...rest,
      oidcIssuerProfile: c.oidcIssuerEnabled
        ? { enabled: true, issuerURL: c.issuerUrl }
        : { enabled: false },
      securityProfile: {
        ...seededSecurity,
        workloadIdentity: { enabled: c.workloadIdentityEnabled },
      },
    },
  };
}

/**
 * The kubelet's identity, which AKS creates as `<cluster>-agentpool` in the node resource group
 * of every cluster that runs with a managed identity
 * (https://learn.microsoft.com/azure/aks/use-managed-identity, "Summary of managed
 * identities"), under `identityProfile.kubeletidentity` (UserAssignedIdentity of
 * 2022-11-01/managedClusters.json). `az aks update` reads it on every call. Its ids are
 * derived from the cluster's, so they stay the same across restarts.
 */
function kubeletIdentity(c: ManagedClusterRecord) {
  const node = `MC_${c.resourceGroup}_${c.name}_${c.location}`;
  const guid = (what: string) => {
    const h = createHash('sha256')
      .update(
        `${c.subscriptionId}/${c.resourceGroup}/${c.name}/${what}`.toLowerCase(),
      )
      .digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(
      17,
      20,
    )}-${h.slice(20, 32)}`;
  };
  return {
    kubeletidentity: {
      resourceId: `/subscriptions/${c.subscriptionId}/resourcegroups/${node}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${c.name}-agentpool`,
      clientId: guid('kubelet-client'),
      objectId: guid('kubelet-object'),
    },
  };
}

function agentPools(c: ManagedClusterRecord, seeded: unknown): Properties[] {
  const list =
    Array.isArray(seeded) && seeded.length > 0
      ? (seeded as Properties[])
      : [{ name: 'nodepool1' }];
  return list.map(pool => ({
    name: 'nodepool1',
    count: 3,
    vmSize: 'Standard_DS2_v2',
    osDiskSizeGB: 128,
    osDiskType: 'Managed',
    kubeletDiskType: 'OS',
    // AKS's defaults: 110 pods per node with kubenet, 30 with Azure CNI (a pool in a subnet).
    maxPods: pool.vnetSubnetID ? 30 : 110,
    type: 'VirtualMachineScaleSets',
    availabilityZones: ['1', '2', '3'],
    enableAutoScaling: false,
    provisioningState: 'Succeeded',
    powerState: { code: 'Running' },
    orchestratorVersion: c.kubernetesVersion,
    currentOrchestratorVersion: c.kubernetesVersion,
    enableNodePublicIP: false,
    mode: 'System',
    osType: 'Linux',
    osSKU: 'Ubuntu',
    nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202410.27.0',
    upgradeSettings: { maxSurge: '33%' },
    enableFIPS: false,
    ...pool,
  }));
}

/** kubenet unless a pool sits in a subnet of its own VNet (Azure CNI), as AKS decides it. */
function networkProfile(pools: Properties[]): Properties {
  const cni = pools.some(p => p.vnetSubnetID);
  return {
    networkPlugin: cni ? 'azure' : 'kubenet',
    ...(cni ? {} : { podCidr: '10.244.0.0/16', podCidrs: ['10.244.0.0/16'] }),
    serviceCidr: '10.0.0.0/16',
    serviceCidrs: ['10.0.0.0/16'],
    dnsServiceIP: '10.0.0.10',
    dockerBridgeCidr: '172.17.0.1/16',
    outboundType: 'loadBalancer',
    loadBalancerSku: 'standard',
    loadBalancerProfile: { managedOutboundIPs: { count: 1 } },
    ipFamilies: ['IPv4'],
  };
}

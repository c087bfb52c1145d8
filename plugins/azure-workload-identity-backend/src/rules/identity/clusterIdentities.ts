import { ManagedCluster } from '../../inspection/azureTypes';

/** An identity that belongs to the cluster (platform), not to an application. */
export interface ClusterIdentity {
  kind: 'kubelet' | 'control-plane' | `add-on ${string}`;
  name: string;
  clientId?: string;
  /** Object (principal) id: what role assignments and access policies name. */
  principalId?: string;
  resourceId?: string;
}

const lastSegment = (id: string | undefined) => id?.split('/').pop();

/** Kubelet, control-plane and add-on identities of the cluster, as the AKS cluster read (`A1`) names them. */
export function clusterIdentities(cluster: ManagedCluster): ClusterIdentity[] {
  const found: ClusterIdentity[] = [];
  const kubelet = cluster.properties.identityProfile?.kubeletidentity;
  if (kubelet)
    found.push({
      kind: 'kubelet',
      name: lastSegment(kubelet.resourceId) ?? `${cluster.name}-agentpool`,
      clientId: kubelet.clientId,
      principalId: kubelet.objectId,
      resourceId: kubelet.resourceId,
    });
  if (cluster.identity?.principalId)
    found.push({
      kind: 'control-plane',
      name: cluster.name,
      principalId: cluster.identity.principalId,
    });
  for (const [id, value] of Object.entries(
    cluster.identity?.userAssignedIdentities ?? {},
  ))
    found.push({
      kind: 'control-plane',
      name: lastSegment(id) ?? id,
      clientId: value.clientId,
      principalId: value.principalId,
      resourceId: id,
    });
  for (const [addon, profile] of Object.entries(
    cluster.properties.addonProfiles ?? {},
  )) {
    if (!profile.identity) continue;
    found.push({
      kind: `add-on ${addon}`,
      name: lastSegment(profile.identity.resourceId) ?? addon,
      clientId: profile.identity.clientId,
      principalId: profile.identity.objectId,
      resourceId: profile.identity.resourceId,
    });
  }
  return found;
}

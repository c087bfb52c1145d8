import { isNotFound } from '../../clients/upstreamError';
import {
  ManagedCluster,
  TargetNetwork,
  TargetResource,
  VirtualNetwork,
} from '../azureTypes';
import { privateLinkZone, vnetOfSubnet } from '../network';
import { ResourceReads } from '../ports';
import { Once } from './readers';

type NetworkReads = Omit<ResourceReads, 'getResource'>;

/**
 * `A7`: both ends of the path from a cluster to a target closed to the internet: the node pools'
 * VNets (peerings, DNS servers), the cluster's outbound addresses, the target's private
 * endpoints and the VNets its private link zone is linked to. Reads several targets share go
 * through `once`, so each is made once per inspection or scan.
 */
export async function readTargetNetwork(options: {
  azure: NetworkReads;
  once: Once;
  resource: TargetResource;
  intent: string;
  /** Where the service's private link zone may be, besides the target's own subscription. */
  subscriptionIds: string[];
  managedCluster?: ManagedCluster;
}): Promise<TargetNetwork> {
  const { azure, once, resource } = options;
  const zoneName = privateLinkZone(resource.type, options.intent);
  const [clusterEnd, privateEndpoints, dnsZone] = await Promise.all([
    readClusterEnd({ azure, once, managedCluster: options.managedCluster }),
    readPrivateEndpoints(azure, resource),
    zoneName
      ? readZone({
          azure,
          once,
          zoneName,
          subscriptionIds: uniqueIds([
            resource.id.split('/')[2] ?? '',
            ...options.subscriptionIds,
          ]).filter(Boolean),
        })
      : Promise.resolve(undefined),
  ]);
  return { ...clusterEnd, privateEndpoints, ...(dnsZone ? { dnsZone } : {}) };
}

/** The node pools' VNets and the cluster's outbound public addresses. */
async function readClusterEnd(options: {
  azure: NetworkReads;
  once: Once;
  managedCluster?: ManagedCluster;
}): Promise<Pick<TargetNetwork, 'nodeVnets' | 'egressIps'>> {
  const { azure, once } = options;
  const properties = options.managedCluster?.properties;
  const vnetIds = uniqueIds(
    (properties?.agentPoolProfiles ?? []).flatMap(p => {
      const vnet = vnetOfSubnet(p.vnetSubnetID);
      return vnet ? [vnet] : [];
    }),
  );
  const outbound = properties?.networkProfile;
  const egressIds = uniqueIds(
    [
      ...(outbound?.loadBalancerProfile?.effectiveOutboundIPs ?? []),
      ...(outbound?.natGatewayProfile?.effectiveOutboundIPs ?? []),
    ].map(ip => ip.id),
  );
  const [nodeVnets, egressIps] = await Promise.all([
    Promise.all(
      vnetIds.map(id =>
        once(`vnet ${id.toLowerCase()}`, () =>
          azure.getNetworkResource<VirtualNetwork>(id),
        ),
      ),
    ),
    Promise.all(
      egressIds.map(id =>
        once(`public ip ${id.toLowerCase()}`, () =>
          azure.getNetworkResource<{ properties: { ipAddress?: string } }>(id),
        ),
      ),
    ).then(ips => ips.flatMap(ip => ip.properties.ipAddress ?? [])),
  ]);
  return { nodeVnets, egressIps };
}

/** Each private endpoint connection of the target, with the VNet its endpoint sits in. */
function readPrivateEndpoints(
  azure: NetworkReads,
  resource: TargetResource,
): Promise<TargetNetwork['privateEndpoints']> {
  return Promise.all(
    (resource.properties.privateEndpointConnections ?? []).map(
      async connection => {
        const endpointId = connection.properties.privateEndpoint?.id ?? '';
        const endpoint = endpointId
          ? await absentOn404(() =>
              azure.getNetworkResource<{
                properties: { subnet?: { id: string } };
              }>(endpointId),
            )
          : undefined;
        return {
          connectionId: connection.id,
          endpointId,
          status:
            connection.properties.privateLinkServiceConnectionState?.status ??
            'Unknown',
          vnetId: vnetOfSubnet(endpoint?.properties.subnet?.id),
        };
      },
    ),
  );
}

/** The service's private link zones of that name, and the VNets they are linked to. */
async function readZone(options: {
  azure: NetworkReads;
  once: Once;
  zoneName: string;
  subscriptionIds: string[];
}): Promise<TargetNetwork['dnsZone']> {
  const { azure, once, zoneName } = options;
  const lists = await Promise.all(
    options.subscriptionIds.map(sub =>
      once(`dns zones ${sub.toLowerCase()}`, () =>
        azure.listPrivateDnsZones(sub),
      ),
    ),
  );
  const named = lists.flat().filter(z => z.name.toLowerCase() === zoneName);
  const links = await Promise.all(
    named.map(zone =>
      once(`zone links ${zone.id.toLowerCase()}`, () =>
        azure.listZoneVirtualNetworks(zone.id),
      ),
    ),
  );
  return {
    name: zoneName,
    zoneIds: named.map(z => z.id),
    linkedVnetIds: links.flat(),
  };
}

/** Ids once each, whatever their case. */
function uniqueIds(ids: string[]): string[] {
  const byKey = new Map(ids.map(id => [id.toLowerCase(), id] as const));
  return [...byKey.values()];
}

/** A read whose 404 means "gone", not a failure: undefined then. */
async function absentOn404<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

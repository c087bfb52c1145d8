import { isNotFound } from '../../clients/upstreamError';
import {
  ManagedCluster,
  TargetNetwork,
  TargetResource,
  VirtualNetwork,
} from '../azureTypes';
import { privateLinkZone, vnetOfSubnet } from '../network';
import { AzureInspectionClient } from './AzureInspectionClient';

/**
 * A7: both ends of the path from a cluster to a target closed to the internet: the node pools'
 * VNets (peerings, DNS servers), the cluster's outbound addresses, the target's private
 * endpoints and the VNets its private link zone is linked to. Reads several targets share go
 * through `once`, so each is made once per inspection or scan.
 */
export async function readTargetNetwork(options: {
  azure: Pick<
    AzureInspectionClient,
    'getNetworkResource' | 'listPrivateDnsZones' | 'listZoneVirtualNetworks'
  >;
  once<T>(key: string, read: () => Promise<T>): Promise<T>;
  resource: TargetResource;
  intent: string;
  /** Where the service's private link zone may be, besides the target's own subscription. */
  subscriptionIds: string[];
  managedCluster?: ManagedCluster;
}): Promise<TargetNetwork> {
  const { azure, once, resource } = options;
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
  const zoneName = privateLinkZone(resource.type, options.intent);
  const subscriptions = uniqueIds([
    resource.id.split('/')[2] ?? '',
    ...options.subscriptionIds,
  ]).filter(Boolean);

  const [nodeVnets, egressIps, privateEndpoints, zones] = await Promise.all([
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
    Promise.all(
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
    ),
    zoneName
      ? Promise.all(
          subscriptions.map(sub =>
            once(`dns zones ${sub.toLowerCase()}`, () =>
              azure.listPrivateDnsZones(sub),
            ),
          ),
        ).then(async lists => {
          const named = lists
            .flat()
            .filter(z => z.name.toLowerCase() === zoneName);
          const links = await Promise.all(
            named.map(zone =>
              once(`zone links ${zone.id.toLowerCase()}`, () =>
                azure.listZoneVirtualNetworks(zone.id),
              ),
            ),
          );
          return { zoneIds: named.map(z => z.id), vnets: links.flat() };
        })
      : Promise.resolve(undefined),
  ]);
  return {
    nodeVnets,
    egressIps,
    privateEndpoints,
    ...(zoneName && zones
      ? {
          dnsZone: {
            name: zoneName,
            zoneIds: zones.zoneIds,
            linkedVnetIds: zones.vnets,
          },
        }
      : {}),
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

import {
  TargetNetwork,
  TargetResource,
  VirtualNetwork,
} from '../../inspection/azureTypes';
import { isClosedToInternet, sameId } from '../../inspection/network';
import { valueOf } from '../../inspection/reads';
import {
  Finding,
  FindingFix,
  ParsedResourceId,
  parseResourceId,
} from '@backstage-community/plugin-azure-workload-identity-common';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';

// Only a state that says "not usable" counts; an unknown one is not guessed at.
const UNUSABLE = ['Pending', 'Rejected', 'Disconnected'];

/**
 * A private resource whose private endpoint path does not work from the cluster: no endpoint
 * is approved; or the approved ones sit in networks the node pools neither are nor peer with;
 * or (a warning: custom DNS may forward correctly) the service's private link zone is not
 * linked to the nodes' network, which uses Azure DNS, so pods resolve the public address.
 * The last two need the network read (`A7`) and the nodes' VNet; without them they stay silent.
 */
export const resourcePrivateEndpointUnusable: BindingRule = {
  id: 'resource-private-endpoint-unusable',
  link: 'resource',
  scope: 'binding',
  reads: ['A6', 'A1', 'A7'],
  masks: [{ ruleId: 'resource-network-blocked', sameObject: true }],
  severity: ['error', 'warning'],
  detects:
    "A resource closed to the internet whose private endpoint does not work from the cluster: no endpoint is approved, or the approved ones sit in networks the node pools neither are nor peer with. A warning when the service's private DNS zone is not linked to the nodes' network, which uses Azure DNS, so pods resolve the public address (custom DNS servers may forward it correctly, so those are not judged).",
  fix: "Approves the endpoint connection, peers the networks (or adds an endpoint in the nodes' network), or links the private DNS zone to the nodes' network. A platform task.",
  evaluate({ unit }) {
    return unit.binding.targets.flatMap(target => {
      const resource = valueOf(target.resource);
      if (!resource || !isClosedToInternet(resource)) return [];
      const connections = resource.properties.privateEndpointConnections ?? [];
      if (connections.length === 0) return [];
      const states = connections.map(
        c =>
          c.properties.privateLinkServiceConnectionState?.status ?? 'Unknown',
      );
      if (states.every(state => UNUSABLE.includes(state))) {
        return [notApproved(resource, states, connections[0].id)];
      }
      const network = valueOf(target.network);
      if (!network || network.nodeVnets.length === 0) return [];
      const approved = network.privateEndpoints.filter(
        e => e.status === 'Approved',
      );
      if (approved.length === 0) return [];
      const reachable = approved.filter(
        e => e.vnetId && reaches(network.nodeVnets, e.vnetId),
      );
      if (reachable.length === 0) {
        return [unreachable(resource, network, approved[0].vnetId)];
      }
      const unlinked = unresolvable(resource, network, reachable[0].endpointId);
      return unlinked ? [unlinked] : [];
    });
  },
};

/** The nodes' VNet is the endpoint's, or peered with it (peering Connected). */
function reaches(nodeVnets: VirtualNetwork[], endpointVnet: string): boolean {
  return nodeVnets.some(
    vnet =>
      sameId(vnet.id, endpointVnet) ||
      (vnet.properties.virtualNetworkPeerings ?? []).some(
        peering =>
          peering.properties.peeringState === 'Connected' &&
          sameId(
            peering.properties.remoteVirtualNetwork?.id ?? '',
            endpointVnet,
          ),
      ),
  );
}

function notApproved(
  resource: TargetResource,
  states: string[],
  connectionId: string,
): Finding {
  return findingOf(resourcePrivateEndpointUnusable, {
    severity: 'error',
    state: 'broken',
    message: `${resource.name} is private, and its private endpoint is not approved.`,
    evidence: {
      expected: `approved endpoint reachable from the cluster with private DNS`,
      actual: `status ${states.join(', ')}`,
    },
    fix: commandFix(
      `az network private-endpoint-connection approve --id ${connectionId}`,
      'platform',
      {
        note: `Approve only an endpoint meant for ${resource.name}: az network private-endpoint-connection show --id ${connectionId} says which endpoint asks and why.`,
      },
    ),
    ref: refs.azure(resource.id, resource.type),
  });
}

function unreachable(
  resource: TargetResource,
  network: TargetNetwork,
  endpointVnet: string | undefined,
): Finding {
  const nodeVnet = network.nodeVnets[0];
  return findingOf(resourcePrivateEndpointUnusable, {
    severity: 'error',
    state: 'broken',
    message: `${resource.name} is private, and its private endpoint sits in a network the cluster cannot reach.`,
    evidence: {
      expected: `approved endpoint reachable from ${network.nodeVnets
        .map(v => v.name)
        .join(', ')} with private DNS`,
      actual: `endpoint in ${
        endpointVnet ?? 'a network that could not be found'
      }, not peered`,
    },
    fix: peeringFix(resource, nodeVnet, endpointVnet),
    ref: refs.azure(resource.id, resource.type),
  });
}

/**
 * A peering connects only once both networks have one to the other
 * (https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering), so one
 * command per side, each on its own line; without the endpoint's network only a new endpoint
 * helps.
 */
function peeringFix(
  resource: TargetResource,
  nodeVnet: VirtualNetwork,
  endpointVnet: string | undefined,
): FindingFix {
  const instead = `create a private endpoint for ${resource.name} in ${nodeVnet.name}`;
  const nodes = parseResourceId(nodeVnet.id);
  const endpoint = endpointVnet ? parseResourceId(endpointVnet) : undefined;
  if (!endpointVnet || !nodes || !endpoint) {
    return {
      kind: 'action',
      owner: 'platform',
      text: `The network of the endpoint could not be found: ${instead}.`,
    };
  }
  const peer = (from: ParsedResourceId, to: ParsedResourceId) =>
    `az network vnet peering create -g ${from.resourceGroup} --subscription ${from.subscriptionId} --vnet-name ${from.resourceName} -n ${from.resourceName}-to-${to.resourceName} --remote-vnet ${to.resourceId} --allow-vnet-access`;
  return commandFix(
    [peer(nodes, endpoint), peer(endpoint, nodes)].join('\n'),
    'platform',
    {
      note: `A peering connects once both networks have one to the other. Or ${instead} instead.`,
    },
  );
}

/** Azure DNS on the nodes' VNet and no link from the service's zone to it. */
function unresolvable(
  resource: TargetResource,
  network: TargetNetwork,
  endpointId: string,
): Finding | undefined {
  const zone = network.dnsZone;
  if (!zone) return undefined;
  const azureDns = network.nodeVnets.filter(
    v => (v.properties.dhcpOptions?.dnsServers ?? []).length === 0,
  );
  // Custom DNS servers may forward the zone correctly: not judged, since it would be a guess.
  if (azureDns.length === 0) return undefined;
  const unlinked = azureDns.filter(
    v => !zone.linkedVnetIds.some(id => sameId(id, v.id)),
  );
  if (unlinked.length === 0) return undefined;
  const vnet = unlinked[0];
  // Where the zone is, or (none yet) where it is to be made: the nodes' network's group. The
  // subscription is named because az otherwise uses the shell's default one.
  const at = parseResourceId(zone.zoneIds[0] ?? '') ?? parseResourceId(vnet.id);
  const where = at
    ? `-g ${at.resourceGroup} --subscription ${at.subscriptionId}`
    : '-g <rg>';
  const link = `az network private-dns link vnet create ${where} --zone-name ${zone.name} --name ${vnet.name}-link --virtual-network ${vnet.id} --registration-enabled false`;
  return findingOf(resourcePrivateEndpointUnusable, {
    severity: 'warning',
    state: 'degraded',
    message: `${resource.name} is private, and its private endpoint is not resolvable from the cluster (DNS zone not linked).`,
    evidence: {
      expected: `approved endpoint reachable from ${vnet.name} with private DNS`,
      actual: zone.zoneIds.length
        ? `zone ${zone.name} not linked to ${vnet.name}`
        : `no zone ${zone.name} in the configured subscriptions`,
    },
    fix: zone.zoneIds.length
      ? commandFix(link, 'platform')
      : newZoneFix({ zone: zone.name, at, link, endpointId }),
    ref: refs.azure(resource.id, resource.type),
  });
}

/**
 * No zone yet: make it, link it to the nodes' network, and give the endpoint a DNS zone group
 * for it, which writes the endpoint's address into the zone
 * (https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration). Each needs
 * the one before.
 */
function newZoneFix(options: {
  zone: string;
  at: { resourceGroup: string; subscriptionId: string } | undefined;
  link: string;
  endpointId: string;
}): FindingFix {
  const { zone, at, link, endpointId } = options;
  const endpoint = parseResourceId(endpointId);
  if (!at || !endpoint) {
    return commandFix(
      `az network private-dns zone create -g <rg> -n ${zone} && ${link}`,
      'platform',
      {
        note: `Replace <rg> with the resource group to keep the zone in. Then give the endpoint ${endpointId} a DNS zone group for ${zone}, so the zone holds its address.`,
      },
    );
  }
  const zoneId = `/subscriptions/${at.subscriptionId}/resourceGroups/${at.resourceGroup}/providers/Microsoft.Network/privateDnsZones/${zone}`;
  return commandFix(
    [
      `az network private-dns zone create -g ${at.resourceGroup} --subscription ${at.subscriptionId} -n ${zone}`,
      link,
      `az network private-endpoint dns-zone-group create -g ${
        endpoint.resourceGroup
      } --subscription ${endpoint.subscriptionId} --endpoint-name ${
        endpoint.resourceName
      } -n default --private-dns-zone ${zoneId} --zone-name ${zone.replace(
        /\./g,
        '-',
      )}`,
    ].join(' && '),
    'platform',
    {
      note: `The zone group writes the endpoint's private address into ${zone}, which pods then resolve through the link.`,
    },
  );
}

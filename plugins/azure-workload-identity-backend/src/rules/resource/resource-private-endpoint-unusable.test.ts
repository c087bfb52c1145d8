import { parseResourceId } from '@backstage-community/plugin-azure-workload-identity-common';
import { baselineSnapshot } from '../../inspection/__testUtils__/baselineWorld';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { vaultBehindEndpoint } from '../../inspection/__testUtils__/scenarios/resource';
import { W } from '../../inspection/__testUtils__/world';
import { TargetNetwork } from '../../inspection/azureTypes';

const OTHER_VNET = `/subscriptions/${W.sub}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const NODE_VNET = W.nodeSubnet.replace(/\/subnets\/nodes$/, '');

/** The baseline with kv-orders behind its endpoint, changed. */
function behindEndpoint(change: (network: TargetNetwork) => void) {
  const snapshot = baselineSnapshot();
  change(vaultBehindEndpoint(snapshot));
  return runScenario(snapshot);
}

describe('resource-private-endpoint-unusable', () => {
  it('private-endpoint-pending: the one finding', () => {
    const outcome = runScenario('private-endpoint-pending');
    expect(outcome.visible).toEqual(['resource-private-endpoint-unusable']);
    expect(outcome.links.resource).toBe('broken');
  });

  it('names the pending connection and approves it', () => {
    const finding = findingOfRule(
      runScenario('private-endpoint-pending'),
      'resource-private-endpoint-unusable',
    );
    expect(finding.message).toBe(
      'kv-orders is private, and its private endpoint is not approved.',
    );
    expect(finding.evidence.actual).toBe('status Pending');
    const connection = `${W.vaultId}/privateEndpointConnections/pe-kv-orders.1a2b`;
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'platform',
      text: `az network private-endpoint-connection approve --id ${connection}`,
      note: `Approve only an endpoint meant for kv-orders: az network private-endpoint-connection show --id ${connection} says which endpoint asks and why.`,
    });
  });

  it("healthy/private-endpoint: approved, in the nodes' VNet, zone linked", () => {
    expect(behindEndpoint(() => undefined).findings).toEqual([]);
  });

  it('private-dns-not-linked: a warning, with the link command', () => {
    const outcome = runScenario('private-dns-not-linked');
    expect(outcome.visible).toEqual(['resource-private-endpoint-unusable']);
    expect(outcome.links.resource).toBe('degraded');
    const finding = findingOfRule(
      outcome,
      'resource-private-endpoint-unusable',
    );
    expect(finding.severity).toBe('warning');
    expect(finding.message).toBe(
      'kv-orders is private, and its private endpoint is not resolvable from the cluster (DNS zone not linked).',
    );
    expect(finding.evidence.actual).toBe(
      'zone privatelink.vaultcore.azure.net not linked to vnet-aks',
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'platform',
      text: `az network private-dns link vnet create -g rg-dns --subscription ${W.sub} --zone-name privatelink.vaultcore.azure.net --name vnet-aks-link --virtual-network ${NODE_VNET} --registration-enabled false`,
    });
  });

  it('says when there is no zone at all', () => {
    const finding = findingOfRule(
      behindEndpoint(network => {
        network.dnsZone = {
          ...network.dnsZone!,
          zoneIds: [],
          linkedVnetIds: [],
        };
      }),
      'resource-private-endpoint-unusable',
    );
    expect(finding.evidence.actual).toBe(
      'no zone privatelink.vaultcore.azure.net in the configured subscriptions',
    );
    const endpoint = parseResourceId(
      vaultBehindEndpoint(baselineSnapshot()).privateEndpoints[0].endpointId,
    )!;
    // Each needs the one before: the zone, its link, then the endpoint's records in it.
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'platform',
      text: [
        `az network private-dns zone create -g rg-aks --subscription ${W.sub} -n privatelink.vaultcore.azure.net`,
        `az network private-dns link vnet create -g rg-aks --subscription ${W.sub} --zone-name privatelink.vaultcore.azure.net --name vnet-aks-link --virtual-network ${NODE_VNET} --registration-enabled false`,
        `az network private-endpoint dns-zone-group create -g ${endpoint.resourceGroup} --subscription ${endpoint.subscriptionId} --endpoint-name ${endpoint.resourceName} -n default --private-dns-zone /subscriptions/${W.sub}/resourceGroups/rg-aks/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net --zone-name privatelink-vaultcore-azure-net`,
      ].join(' && '),
      note: "The zone group writes the endpoint's private address into privatelink.vaultcore.azure.net, which pods then resolve through the link.",
    });
  });

  it('does not judge DNS when the nodes use their own DNS servers', () => {
    expect(
      behindEndpoint(network => {
        network.dnsZone!.linkedVnetIds = [];
        network.nodeVnets[0].properties.dhcpOptions = {
          dnsServers: ['10.0.0.4'],
        };
      }).findings,
    ).toEqual([]);
  });

  it('an endpoint in a network the nodes do not peer with is an error', () => {
    const outcome = behindEndpoint(network => {
      network.privateEndpoints[0].vnetId = OTHER_VNET;
    });
    const finding = findingOfRule(
      outcome,
      'resource-private-endpoint-unusable',
    );
    expect(outcome.links.resource).toBe('broken');
    expect(finding.message).toBe(
      'kv-orders is private, and its private endpoint sits in a network the cluster cannot reach.',
    );
    expect(finding.evidence.actual).toBe(
      `endpoint in ${OTHER_VNET}, not peered`,
    );
    // A peering connects once both sides have one: a command per side, each on its own line.
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'platform',
      text: [
        `az network vnet peering create -g rg-aks --subscription ${W.sub} --vnet-name vnet-aks -n vnet-aks-to-vnet-hub --remote-vnet ${OTHER_VNET} --allow-vnet-access`,
        `az network vnet peering create -g rg-hub --subscription ${W.sub} --vnet-name vnet-hub -n vnet-hub-to-vnet-aks --remote-vnet ${NODE_VNET} --allow-vnet-access`,
      ].join('\n'),
      note: 'A peering connects once both networks have one to the other. Or create a private endpoint for kv-orders in vnet-aks instead.',
    });
  });

  it('says to create an endpoint, in words, where the network of the endpoint is not found', () => {
    const finding = findingOfRule(
      behindEndpoint(network => {
        network.privateEndpoints[0].vnetId = undefined;
      }),
      'resource-private-endpoint-unusable',
    );
    expect(finding.fix).toEqual({
      kind: 'action',
      owner: 'platform',
      text: 'The network of the endpoint could not be found: create a private endpoint for kv-orders in vnet-aks.',
    });
  });

  it('an endpoint in a peered network is reachable, once the peering is connected', () => {
    const peered = (peeringState: string) =>
      behindEndpoint(network => {
        network.privateEndpoints[0].vnetId = OTHER_VNET;
        network.nodeVnets[0].properties.virtualNetworkPeerings = [
          {
            name: 'to-hub',
            properties: {
              remoteVirtualNetwork: { id: OTHER_VNET.toUpperCase() },
              peeringState,
            },
          },
        ];
      });
    expect(peered('Connected').findings).toEqual([]);
    expect(peered('Initiated').visible).toEqual([
      'resource-private-endpoint-unusable',
    ]);
  });

  it("stays silent on the network variants while the nodes' VNet is not known", () => {
    expect(
      behindEndpoint(network => {
        network.nodeVnets = [];
        network.privateEndpoints[0].vnetId = OTHER_VNET;
      }).findings,
    ).toEqual([]);
  });

  it('leaves the link unknown when the network cannot be read', () => {
    const snapshot = baselineSnapshot();
    vaultBehindEndpoint(snapshot);
    const target = snapshot.bindings[0].targets[1];
    target.network = {
      status: 'forbidden',
      httpStatus: 403,
      code: 'AuthorizationFailed',
      reason:
        "The client 'backstage' does not have authorization to perform action 'Microsoft.Network/virtualNetworks/read'.",
    };
    const outcome = runScenario(snapshot);
    expect(outcome.visible).toEqual(['inspect-read-forbidden']);
    expect(outcome.links.resource).toBe('unknown');
  });
});

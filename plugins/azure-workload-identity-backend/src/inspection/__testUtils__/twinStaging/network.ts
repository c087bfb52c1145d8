import { BASELINE } from 'sandbox';
import { W } from '../world';
import { Staging } from './types';
import { changeResource, changeManagedCluster } from './azure';

const RG_AKS = `/subscriptions/${BASELINE.subscriptionId}/resourceGroups/rg-aks`;
const VNET_AKS = `${RG_AKS}/providers/Microsoft.Network/virtualNetworks/vnet-aks`;
const VAULT_ZONE = `${RG_AKS}/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`;

/**
 * aks-prod's nodes in vnet-aks, and kv-orders closed to the internet behind an approved
 * private endpoint there; the vault's private link zone exists, linked to vnet-aks or not.
 */
export function stageVaultBehindEndpoint(options: {
  zoneLinked: boolean;
  /** The zone's resource group, when not rg-aks: e.g. a hub's in another subscription. */
  zoneGroup?: string;
}): Staging {
  return demo => {
    const { state } = demo.sandbox.azure.twin;
    const nodes = `${VNET_AKS}/subnets/nodes`;
    changeManagedCluster(record => {
      record.extraProperties = {
        ...record.extraProperties,
        agentPoolProfiles: [{ name: 'nodepool1', vnetSubnetID: nodes }],
      };
    })(demo);
    state.putResource({
      id: VNET_AKS,
      type: 'Microsoft.Network/virtualNetworks',
      name: 'vnet-aks',
      location: 'eastus',
      properties: {
        addressSpace: { addressPrefixes: ['10.224.0.0/12'] },
        subnets: [{ id: nodes, name: 'nodes' }],
      },
    });
    const endpoint = `${RG_AKS}/providers/Microsoft.Network/privateEndpoints/pe-kv-orders`;
    state.putResource({
      id: endpoint,
      type: 'Microsoft.Network/privateEndpoints',
      name: 'pe-kv-orders',
      location: 'eastus',
      properties: { subnet: { id: nodes } },
    });
    changeResource(W.vaultId, properties => {
      properties.publicNetworkAccess = 'Disabled';
      properties.privateEndpointConnections = [
        {
          id: `${W.vaultId}/privateEndpointConnections/pe-kv-orders.1a2b`,
          properties: {
            privateEndpoint: { id: endpoint },
            privateLinkServiceConnectionState: { status: 'Approved' },
          },
        },
      ];
    })(demo);
    const zone = options.zoneGroup
      ? `${options.zoneGroup}/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`
      : VAULT_ZONE;
    state.putResource({
      id: zone,
      type: 'Microsoft.Network/privateDnsZones',
      name: 'privatelink.vaultcore.azure.net',
      location: 'global',
      properties: {},
    });
    if (options.zoneLinked) {
      state.putResource({
        id: `${zone}/virtualNetworkLinks/vnet-aks-link`,
        type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
        name: 'vnet-aks-link',
        location: 'global',
        properties: {
          virtualNetwork: { id: VNET_AKS },
          registrationEnabled: false,
        },
      });
    }
  };
}

import { TargetNetwork } from '../../azureTypes';
import { binding, ok } from '../access';
import { W } from '../world';
import { assignmentOf, replaceAssignment } from './roleassignment';
import { Scenario } from './types';

const storage = (s: Parameters<Scenario>[0]) =>
  ok(binding(s).targets[0].resource);
const vault = (s: Parameters<Scenario>[0]) =>
  ok(binding(s).targets[1].resource);

const NODE_VNET = W.nodeSubnet.replace(/\/subnets\/[^/]+$/, '');
const VAULT_ENDPOINT = `/subscriptions/${W.sub}/resourceGroups/rg-aks/providers/Microsoft.Network/privateEndpoints/pe-kv-orders`;
const VAULT_CONNECTION = `${W.vaultId}/privateEndpointConnections/pe-kv-orders.1a2b`;
export const VAULT_ZONE = `/subscriptions/${W.sub}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`;

/**
 * kv-orders closed to the internet behind an approved private endpoint in vnet-aks, the
 * nodes' VNet, with the vault zone linked to it: `healthy/private-endpoint` for the vault.
 * Scenarios and tests take one thing of it away.
 */
export function vaultBehindEndpoint(s: Parameters<Scenario>[0]) {
  const kv = vault(s);
  kv.properties.publicNetworkAccess = 'Disabled';
  kv.properties.privateEndpointConnections = [
    {
      id: VAULT_CONNECTION,
      properties: {
        privateEndpoint: { id: VAULT_ENDPOINT },
        privateLinkServiceConnectionState: { status: 'Approved' },
      },
    },
  ];
  const network: TargetNetwork = {
    nodeVnets: [{ id: NODE_VNET, name: 'vnet-aks', properties: {} }],
    egressIps: ['20.50.1.7'],
    privateEndpoints: [
      {
        connectionId: VAULT_CONNECTION,
        endpointId: VAULT_ENDPOINT,
        status: 'Approved',
        vnetId: NODE_VNET,
      },
    ],
    dnsZone: {
      name: 'privatelink.vaultcore.azure.net',
      zoneIds: [VAULT_ZONE],
      linkedVnetIds: [NODE_VNET],
    },
  };
  binding(s).targets[1].network = { status: 'ok', value: network };
  return network;
}

export const resourceScenarios: Record<string, Scenario> = {
  // Approved and in the nodes' VNet, but pods resolve the vault's public address.
  'private-dns-not-linked': s => {
    vaultBehindEndpoint(s).dnsZone!.linkedVnetIds = [];
  },
  'private-endpoint-pending': s => {
    const kv = vault(s);
    kv.properties.publicNetworkAccess = 'Disabled';
    kv.properties.privateEndpointConnections = [
      {
        id: `${W.vaultId}/privateEndpointConnections/pe-kv-orders.1a2b`,
        properties: {
          privateEndpoint: {
            id: `/subscriptions/${W.sub}/resourceGroups/rg-aks/providers/Microsoft.Network/privateEndpoints/pe-kv-orders`,
          },
          privateLinkServiceConnectionState: { status: 'Pending' },
        },
      },
    ];
  },
  'storage-account-deleted': s => {
    // Deleting a resource deletes the role assignments scoped to it.
    replaceAssignment(0, undefined)(s);
    const notFound = {
      status: 'not-found' as const,
      reason: `ResourceNotFound: The Resource 'Microsoft.Storage/storageAccounts/ordersdata' under resource group 'rg-apps' was not found.`,
    };
    binding(s).targets[0].resource = notFound;
    binding(s).targets[0].assignmentsAtScope = notFound;
  },
  'keyvault-rbac-mode-policy-only': s => {
    vault(s).properties.accessPolicies = [
      {
        tenantId: W.tenant,
        objectId: W.principalId,
        permissions: { secrets: ['get', 'list'] },
      },
    ];
    replaceAssignment(1, undefined)(s);
  },
  'storage-firewall-deny': s => {
    storage(s).properties.networkAcls = {
      defaultAction: 'Deny',
      ipRules: [],
      virtualNetworkRules: [],
    };
  },
  'storage-granted-to-kubelet': s => {
    ok(binding(s).targets[0].assignmentsAtScope).push(
      assignmentOf(
        '44444444-aaaa-0000-0000-000000000001',
        'Storage Blob Data Reader',
        W.storageId,
        W.kubelet.objectId,
      ),
    );
  },
};

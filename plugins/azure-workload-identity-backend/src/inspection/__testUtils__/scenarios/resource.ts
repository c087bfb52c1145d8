import {
  DAY,
  changeResource,
  replaceRole,
  stageVaultBehindEndpoint,
  wiOrders,
} from '../twinStaging';
import { applySeed, BASELINE } from 'sandbox';
import { TargetNetwork } from '../../azureTypes';
import { binding, ok } from '../access';
import { W } from '../world';
import { assignmentOf, replaceAssignment } from './roleassignment';
import { Scenario, ScenarioTable } from './types';

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

export const resourceScenarios: ScenarioTable = {
  // Approved and in the nodes' VNet, but pods resolve the vault's public address.
  'private-dns-not-linked': {
    snapshot: s => {
      vaultBehindEndpoint(s).dnsZone!.linkedVnetIds = [];
    },
    twin: stageVaultBehindEndpoint({ zoneLinked: false }),
  },
  'private-endpoint-pending': {
    snapshot: s => {
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
    twin: changeResource(W.vaultId, properties => {
      properties.publicNetworkAccess = 'Disabled';
      properties.privateEndpointConnections = [
        {
          id: `${W.vaultId}/privateEndpointConnections/pe-kv-orders.1a2b`,
          properties: {
            privateEndpoint: {
              id: `/subscriptions/${BASELINE.subscriptionId}/resourceGroups/rg-aks/providers/Microsoft.Network/privateEndpoints/pe-kv-orders`,
            },
            privateLinkServiceConnectionState: { status: 'Pending' },
          },
        },
      ];
    }),
  },
  'storage-account-deleted': {
    snapshot: s => {
      // Deleting a resource deletes the role assignments scoped to it.
      replaceAssignment(0, undefined)(s);
      const notFound = {
        status: 'not-found' as const,
        reason: `ResourceNotFound: The Resource 'Microsoft.Storage/storageAccounts/ordersdata' under resource group 'rg-apps' was not found.`,
      };
      binding(s).targets[0].resource = notFound;
      binding(s).targets[0].assignmentsAtScope = notFound;
    },
    twin: demo => {
      replaceRole(W.storageId)(demo);
      demo.sandbox.azure.twin.state.deleteResource(W.storageId);
    },
  },
  'keyvault-rbac-mode-policy-only': {
    snapshot: s => {
      vault(s).properties.accessPolicies = [
        {
          tenantId: W.tenant,
          objectId: W.principalId,
          permissions: { secrets: ['get', 'list'] },
        },
      ];
      replaceAssignment(1, undefined)(s);
    },
    twin: demo => {
      changeResource(W.vaultId, properties => {
        properties.accessPolicies = [
          {
            tenantId: BASELINE.tenantId,
            objectId: wiOrders(demo).principalId,
            permissions: { secrets: ['get', 'list'] },
          },
        ];
      })(demo);
      replaceRole(W.vaultId)(demo);
    },
  },
  'storage-firewall-deny': {
    snapshot: s => {
      storage(s).properties.networkAcls = {
        defaultAction: 'Deny',
        ipRules: [],
        virtualNetworkRules: [],
      };
    },
    twin: changeResource(W.storageId, properties => {
      properties.networkAcls = {
        defaultAction: 'Deny',
        ipRules: [],
        virtualNetworkRules: [],
      };
    }),
  },
  'storage-granted-to-kubelet': {
    snapshot: s => {
      ok(binding(s).targets[0].assignmentsAtScope).push(
        assignmentOf(
          '44444444-aaaa-0000-0000-000000000001',
          'Storage Blob Data Reader',
          W.storageId,
          W.kubelet.objectId,
        ),
      );
    },
    // The cluster's kubelet identity holds the data role, beside the workload's own.
    twin: demo => {
      applySeed(demo.sandbox.azure.twin.state, {
        roleAssignments: [
          {
            role: 'Storage Blob Data Reader',
            scope: W.storageId,
            principalId: W.kubelet.objectId,
            createdOn: new Date(Date.now() - DAY).toISOString(),
          },
        ],
      });
    },
  },
};

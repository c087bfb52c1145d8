import { AzureSeed } from '../azure';
import { OWNERSHIP } from './ownership';
import { DemoComponent } from './world';

type SeedResources = NonNullable<AzureSeed['resources']>;

/** The VNet a demo cluster's nodes sit in. */
export function nodeVnetOf(c: {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}) {
  return `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet-${c.name}`;
}

/**
 * The component's vault closed to the internet behind an approved private endpoint in the
 * nodes' VNet; the vault's private link zone exists but is not linked to that VNet, so pods
 * resolve the vault's public address (health-rules `private-dns-not-linked`).
 */
export function privateVault(
  d: DemoComponent,
  c: {
    subscriptionId: string;
    resourceGroup: string;
    name: string;
    location: string;
  },
): SeedResources {
  const vaultId = d.targets[0].id;
  const [vault] = targetResources(d, vaultId, c.location);
  const endpoint = `/subscriptions/${c.subscriptionId}/resourceGroups/${
    c.resourceGroup
  }/providers/Microsoft.Network/privateEndpoints/pe-${vaultId
    .split('/')
    .pop()}`;
  return [
    {
      ...vault,
      properties: {
        ...vault.properties,
        publicNetworkAccess: 'Disabled',
        networkAcls: {
          defaultAction: 'Deny',
          ipRules: [],
          virtualNetworkRules: [],
        },
        privateEndpointConnections: [
          {
            id: `${vaultId}/privateEndpointConnections/${endpoint
              .split('/')
              .pop()}`,
            properties: {
              privateEndpoint: { id: endpoint },
              privateLinkServiceConnectionState: {
                status: 'Approved',
                description: 'Auto-approved',
              },
            },
          },
        ],
      },
    },
    {
      id: endpoint,
      location: c.location,
      properties: { subnet: { id: `${nodeVnetOf(c)}/subnets/nodes` } },
    },
    {
      id: `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`,
      location: 'global',
      properties: {},
    },
  ];
}

/**
 * A target resource as its type looks in ARM, tagged with its owner, with the
 * child (container, queue, event hub) the component's namespace uses.
 */
export function targetResources(
  d: DemoComponent,
  id: string,
  location: string,
): SeedResources {
  const open = {
    publicNetworkAccess: 'Enabled',
    networkAcls: {
      defaultAction: 'Allow',
      ipRules: [],
      virtualNetworkRules: [],
    },
  };
  const ns = d.component.namespace;
  // Ownership sits on the top-level resource; its containers, queues and hubs inherit it.
  const tags = { [OWNERSHIP.resourceOwnerTag]: d.component.owner };
  if (id.includes('/Microsoft.Storage/storageAccounts/'))
    return [
      {
        id,
        location,
        tags,
        kind: 'StorageV2',
        sku: { name: 'Standard_LRS' },
        properties: { ...open, allowSharedKeyAccess: false },
      },
      {
        id: `${id}/blobServices/default/containers/${ns}`,
        properties: { publicAccess: 'None' },
      },
    ];
  if (id.includes('/Microsoft.KeyVault/vaults/')) {
    const accessPolicyMode =
      d.scenario.id === 'kv-access-policy-mode-no-policy';
    const name = id.split('/').pop();
    return [
      {
        id,
        location,
        tags,
        // VaultProperties as the 2022-07-01 spec has them: `sku` and `tenantId` are required
        // (keyvault.json; examples/updateVault.json), and az's PUT of the vault sends them back.
        properties: {
          ...open,
          sku: { family: 'A', name: 'standard' },
          tenantId: '72f988bf-0000-0000-0000-000000000001',
          enableRbacAuthorization: !accessPolicyMode,
          accessPolicies: [],
          vaultUri: `https://${name}.vault.azure.net/`,
        },
      },
    ];
  }
  if (id.includes('/Microsoft.ServiceBus/namespaces/'))
    return [
      {
        id,
        location,
        tags,
        sku: { name: 'Standard' },
        properties: { ...open, disableLocalAuth: true },
      },
      { id: `${id}/queues/${ns}`, properties: {} },
    ];
  if (id.includes('/Microsoft.EventHub/namespaces/'))
    return [
      {
        id,
        location,
        tags,
        sku: { name: 'Standard' },
        properties: { ...open, disableLocalAuth: true },
      },
      { id: `${id}/eventhubs/${ns}`, properties: {} },
    ];
  return [{ id, location, tags, properties: open }];
}

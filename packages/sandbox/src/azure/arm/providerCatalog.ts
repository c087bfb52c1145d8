/**
 * The resource providers the twin serves, with the resource types it stores and api-versions
 * those providers publish (newest first, as ARM lists them: `az resource show --ids` takes the
 * first non-preview one). Versions are folders of each provider's specification in
 * Azure/azure-rest-api-specs (specification/<service>/resource-manager/<namespace>/{stable,preview}).
 * The twin itself accepts any api-version.
 */
export interface ProviderResourceType {
  resourceType: string;
  apiVersions: string[];
  /** Types that hang off any scope (role assignments) carry no locations. */
  global?: boolean;
}

export interface ProviderEntry {
  namespace: string;
  resourceTypes: ProviderResourceType[];
}

const RESOURCES_VERSIONS = [
  '2022-12-01',
  '2022-09-01',
  '2021-04-01',
  '2021-01-01',
  '2020-06-01',
  '2019-11-01',
  '2019-10-01',
  '2019-08-01',
  '2016-09-01',
  '2015-11-01',
];
const MSI_VERSIONS = [
  '2023-01-31',
  '2022-01-31-preview',
  '2021-09-30-preview',
  '2018-11-30',
  '2015-08-31-preview',
];
const AKS_VERSIONS = [
  '2024-09-01',
  '2024-05-01',
  '2024-02-01',
  '2023-10-01',
  '2023-08-01',
  '2023-06-01',
  '2023-04-01',
  '2023-01-01',
  '2022-11-01',
  '2022-09-01',
  '2022-07-01',
];
const STORAGE_VERSIONS = [
  '2023-05-01',
  '2023-01-01',
  '2022-09-01',
  '2022-05-01',
  '2021-09-01',
  '2021-04-01',
  '2019-06-01',
];
const KEYVAULT_VERSIONS = [
  '2023-07-01',
  '2023-02-01',
  '2022-07-01',
  '2021-10-01',
  '2019-09-01',
];
const SERVICEBUS_VERSIONS = [
  '2022-10-01-preview',
  '2021-11-01',
  '2021-06-01-preview',
  '2017-04-01',
];
const EVENTHUB_VERSIONS = [
  '2024-01-01',
  '2022-10-01-preview',
  '2021-11-01',
  '2017-04-01',
];
const NETWORK_VERSIONS = [
  '2023-09-01',
  '2023-05-01',
  '2022-09-01',
  '2022-07-01',
  '2021-05-01',
];

const types = (versions: string[], ...names: string[]) =>
  names.map(resourceType => ({ resourceType, apiVersions: versions }));

export const PROVIDERS: ProviderEntry[] = [
  {
    namespace: 'Microsoft.Resources',
    resourceTypes: types(
      RESOURCES_VERSIONS,
      'tenants',
      'subscriptions',
      'providers',
      'resourceGroups',
      'subscriptions/resourceGroups',
      'subscriptions/resources',
      'subscriptions/providers',
    ).map(t => ({ ...t, global: true })),
  },
  {
    namespace: 'Microsoft.Authorization',
    resourceTypes: [
      {
        resourceType: 'roleAssignments',
        apiVersions: [
          '2022-04-01',
          '2022-01-01-preview',
          '2020-10-01-preview',
          '2020-04-01-preview',
          '2018-09-01-preview',
          '2018-01-01-preview',
          '2015-07-01',
        ],
      },
      {
        resourceType: 'roleDefinitions',
        apiVersions: [
          '2022-05-01-preview',
          '2022-04-01',
          '2018-01-01-preview',
          '2015-07-01',
        ],
      },
      {
        resourceType: 'permissions',
        apiVersions: ['2022-04-01', '2018-01-01-preview', '2015-07-01'],
      },
    ].map(t => ({ ...t, global: true })),
  },
  {
    namespace: 'Microsoft.ManagedIdentity',
    resourceTypes: [
      ...types(MSI_VERSIONS, 'userAssignedIdentities'),
      {
        resourceType: 'userAssignedIdentities/federatedIdentityCredentials',
        apiVersions: ['2023-01-31', '2022-01-31-preview'],
      },
    ],
  },
  {
    namespace: 'Microsoft.ContainerService',
    resourceTypes: types(AKS_VERSIONS, 'managedClusters'),
  },
  {
    namespace: 'Microsoft.Storage',
    resourceTypes: types(
      STORAGE_VERSIONS,
      'storageAccounts',
      'storageAccounts/blobServices',
      'storageAccounts/blobServices/containers',
      'storageAccounts/queueServices',
      'storageAccounts/queueServices/queues',
    ),
  },
  {
    namespace: 'Microsoft.KeyVault',
    resourceTypes: types(
      KEYVAULT_VERSIONS,
      'vaults',
      'vaults/secrets',
      'vaults/accessPolicies',
    ),
  },
  {
    namespace: 'Microsoft.ServiceBus',
    resourceTypes: types(
      SERVICEBUS_VERSIONS,
      'namespaces',
      'namespaces/queues',
      'namespaces/topics',
      'namespaces/networkRuleSets',
    ),
  },
  {
    namespace: 'Microsoft.EventHub',
    resourceTypes: types(
      EVENTHUB_VERSIONS,
      'namespaces',
      'namespaces/eventhubs',
      'namespaces/networkRuleSets',
    ),
  },
  {
    namespace: 'Microsoft.Network',
    resourceTypes: [
      ...types(
        NETWORK_VERSIONS,
        'virtualNetworks',
        'virtualNetworks/subnets',
        'privateEndpoints',
        'publicIPAddresses',
      ),
      // Private DNS was never on Microsoft.Network's yearly versions.
      ...types(
        ['2020-06-01', '2018-09-01'],
        'privateDnsZones',
        'privateDnsZones/virtualNetworkLinks',
      ),
    ],
  },
];

export function findProvider(namespace: string): ProviderEntry | undefined {
  const wanted = namespace.toLowerCase();
  return PROVIDERS.find(p => p.namespace.toLowerCase() === wanted);
}

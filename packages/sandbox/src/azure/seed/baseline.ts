import { AzureSeed } from './applySeed';

/** Ids of the baseline world, the same as the backend's inspection tests use. */
const TENANT_ID = '72f988bf-0000-0000-0000-000000000001';
/** The GUID in aks-prod's issuer: the demo's aks-prod serves it too, on the twin's origin. */
const AKS_ISSUER_GUID = '11111111-2222-3333-4444-555555555555';

export const BASELINE = {
  tenantId: TENANT_ID,
  /** Another directory that exists (a partner's, or a second company tenant), holding none of ours. */
  otherTenantId: '72f988bf-0000-0000-0000-000000000002',
  subscriptionId: '00000000-0000-0000-0000-000000000001',
  aksIssuerGuid: AKS_ISSUER_GUID,
  // The form AKS gives issuers: https://oidc.prod-aks.azure.com/<tenant>/<guid>/.
  aksIssuerUrl: `https://oidc.prod-aks.azure.com/${TENANT_ID}/${AKS_ISSUER_GUID}/`,
  identity: {
    name: 'wi-orders',
    resourceGroup: 'rg-apps',
    clientId: '4024ab25-56a8-4370-aea6-6389221caf29',
    principalId: '25cc773c-7f05-40fc-a104-32d2300754ad',
  },
  kubelet: {
    clientId: 'c0c0c0c0-0000-0000-0000-00000000c0c0',
    objectId: '0b0b0b0b-0000-0000-0000-00000000b0b0',
  },
  storageAccount: 'ordersdata',
  keyVault: 'kv-orders',
} as const;

/**
 * The Azure part of the baseline world: rg-apps with wi-orders and its FIC,
 * ordersdata (Storage Blob Data Reader) and kv-orders (Key Vault Secrets User),
 * and aks-prod in rg-aks. `issuerUrl` is the cluster's issuer — the Kubernetes
 * twin's when it runs, the AKS-looking one otherwise.
 */
export function baselineAzureSeed(
  options: { subscriptionId?: string; issuerUrl?: string } = {},
): AzureSeed {
  const sub = options.subscriptionId ?? BASELINE.subscriptionId;
  const issuer = options.issuerUrl ?? BASELINE.aksIssuerUrl;
  const rgApps = `/subscriptions/${sub}/resourceGroups/rg-apps`;
  const storage = `${rgApps}/providers/Microsoft.Storage/storageAccounts/${BASELINE.storageAccount}`;
  const vault = `${rgApps}/providers/Microsoft.KeyVault/vaults/${BASELINE.keyVault}`;
  const oneDayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
  return {
    resourceGroups: [{ name: 'rg-apps' }, { name: 'rg-aks' }],
    identities: [
      {
        ...BASELINE.identity,
        tags: { 'backstage.io/owner': 'team-a' },
        federatedCredentials: [
          {
            name: 'orders-api',
            issuer,
            subject: 'system:serviceaccount:orders:orders-api',
          },
        ],
      },
    ],
    managedClusters: [
      {
        resourceGroup: 'rg-aks',
        name: 'aks-prod',
        issuerUrl: issuer,
        oidcIssuerEnabled: true,
        workloadIdentityEnabled: true,
        extraProperties: {
          identityProfile: {
            kubeletidentity: {
              clientId: BASELINE.kubelet.clientId,
              objectId: BASELINE.kubelet.objectId,
              resourceId: `/subscriptions/${sub}/resourceGroups/MC_rg-aks_aks-prod_eastus/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-prod-agentpool`,
            },
          },
        },
      },
    ],
    resources: [
      {
        id: storage,
        location: 'eastus',
        kind: 'StorageV2',
        sku: { name: 'Standard_LRS' },
        properties: {
          publicNetworkAccess: 'Enabled',
          allowSharedKeyAccess: false,
          networkAcls: {
            defaultAction: 'Allow',
            ipRules: [],
            virtualNetworkRules: [],
          },
        },
      },
      {
        id: `${storage}/blobServices/default/containers/orders`,
        properties: { publicAccess: 'None' },
      },
      {
        id: vault,
        location: 'eastus',
        properties: {
          // Required by the 2022-07-01 spec (keyvault.json VaultProperties).
          sku: { family: 'A', name: 'standard' },
          tenantId: BASELINE.tenantId,
          enableRbacAuthorization: true,
          accessPolicies: [],
          publicNetworkAccess: 'Enabled',
          networkAcls: {
            defaultAction: 'Allow',
            ipRules: [],
            virtualNetworkRules: [],
          },
          vaultUri: `https://${BASELINE.keyVault}.vault.azure.net/`,
        },
      },
    ],
    roleAssignments: [
      {
        role: 'Storage Blob Data Reader',
        scope: storage,
        principalId: BASELINE.identity.principalId,
        createdOn: oneDayAgo,
      },
      {
        role: 'Key Vault Secrets User',
        scope: vault,
        principalId: BASELINE.identity.principalId,
        createdOn: oneDayAgo,
      },
    ],
    secrets: [
      {
        vault: BASELINE.keyVault,
        name: 'orders-db-password',
        value: 'sandbox-secret-value',
      },
    ],
    blobs: [
      {
        account: BASELINE.storageAccount,
        container: 'orders',
        name: 'orders/2026-06-01.json',
        content: '{"orders":[]}',
        contentType: 'application/json',
      },
    ],
  };
}

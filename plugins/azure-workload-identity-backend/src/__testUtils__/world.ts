import { AccessRequestSpec } from '@backstage-community/plugin-azure-workload-identity-common';
import { InMemoryPreflightReader } from './InMemoryPreflightReader';

/** One small, consistent world the planner and API tests share. */
export const SUBSCRIPTION = '00000000-0000-0000-0000-000000000001';
export const ISSUER =
  'https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/6a3c9f1e-0000-0000-0000-000000000001/';
const providers = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-apps/providers`;
export const STORAGE = `${providers}/Microsoft.Storage/storageAccounts/ordersdata`;
export const CONTAINER = `${STORAGE}/blobServices/default/containers/invoices`;
export const VAULT = `${providers}/Microsoft.KeyVault/vaults/kv-orders`;
export const IDENTITY_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-aks-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders-api-aks-prod`;

export function baseSpec(
  overrides: Partial<AccessRequestSpec> = {},
): AccessRequestSpec {
  return {
    entityRef: 'component:default/orders-api',
    cluster: 'aks-prod',
    namespace: 'orders',
    serviceAccountName: 'orders-api',
    environment: 'staging',
    resources: [
      { resourceId: CONTAINER, intent: 'read' },
      { resourceId: VAULT, intent: 'read' },
    ],
    ...overrides,
  };
}

/** A request for the namespace the world's configuration calls production. */
export function productionSpec(
  overrides: Partial<AccessRequestSpec> = {},
): AccessRequestSpec {
  return baseSpec({
    namespace: 'orders-prod',
    environment: 'production',
    ...overrides,
  });
}

export function healthyWorld(): InMemoryPreflightReader {
  return new InMemoryPreflightReader()
    .addCluster(
      {
        name: 'aks-prod',
        subscriptionId: SUBSCRIPTION,
        resourceGroup: 'rg-aks-prod',
        location: 'westeurope',
        oidcIssuerEnabled: true,
        issuerUrl: ISSUER,
        workloadIdentityEnabled: true,
        environment: 'staging',
        namespaceEnvironments: [
          { namespace: 'orders-prod', environment: 'production' },
        ],
      },
      ['orders', 'orders-prod'],
    )
    .addResources(STORAGE, CONTAINER, VAULT);
}

export const existingIdentity = {
  resourceId: IDENTITY_ID,
  name: 'id-orders-api-aks-prod',
  clientId: '11111111-0000-0000-0000-000000000001',
  principalId: '22222222-0000-0000-0000-000000000001',
  tenantId: '72f988bf-0000-0000-0000-000000000001',
};

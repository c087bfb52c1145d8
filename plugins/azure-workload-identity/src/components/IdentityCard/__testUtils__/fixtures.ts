import {
  AccessRequestWithEvents,
  CHAIN_LINKS,
  ChainBinding,
  ChainView,
  LinkState,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { ChainAnswer } from '../ChainClient';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001';

export const allLinks = (state: LinkState) =>
  Object.fromEntries(
    CHAIN_LINKS.map(link => [link, state]),
  ) as ChainView['links'];

/** orders-api's binding as `GET /chain` draws a working one. */
export function ordersBinding(
  overrides: Partial<ChainBinding> = {},
): ChainBinding {
  return {
    usesWorkloadIdentity: true,
    cluster: 'aks-prod',
    namespace: 'orders',
    workload: 'deployment/orders-api',
    pods: 2,
    serviceAccount: 'orders-api',
    clientId: '4024ab25-56a8-4370-aea6-6389221caf29',
    identity: {
      name: 'wi-orders',
      id: `${SUB}/resourceGroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-orders`,
      clientId: '4024ab25-56a8-4370-aea6-6389221caf29',
      principalId: '25cc773c-7f05-40fc-a104-32d2300754ad',
    },
    federatedCredentials: [
      {
        name: 'orders-api',
        issuer: 'https://issuer/',
        subject: 'system:serviceaccount:orders:orders-api',
      },
    ],
    roleAssignments: [
      {
        // Storage Blob Data Reader
        roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`,
        scope: `${SUB}/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata/blobServices/default/containers/orders`,
      },
      {
        // Key Vault Secrets User
        roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6`,
        scope: `${SUB}/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-orders`,
      },
    ],
    targets: [],
    ...overrides,
  };
}

export function chainOf(overrides: Partial<ChainAnswer> = {}): ChainAnswer {
  return {
    entityRef: 'component:default/orders-api',
    checkedAt: '2026-12-04T10:00:00.000Z',
    links: { ...allLinks('ok'), resource: 'none' },
    findings: [],
    bindings: [ordersBinding()],
    fromCache: false,
    ...overrides,
  };
}

/** A chain a revoke left behind: nothing uses workload identity any more. */
export function revokedChain(overrides: Partial<ChainAnswer> = {}) {
  return chainOf({
    links: allLinks('none'),
    bindings: [
      ordersBinding({
        usesWorkloadIdentity: false,
        clientId: undefined,
        identity: undefined,
        federatedCredentials: [],
        roleAssignments: [],
      }),
    ],
    ...overrides,
  });
}

export function requestOf(
  overrides: Partial<AccessRequestWithEvents>,
): AccessRequestWithEvents {
  return {
    id: '01a20b08-0292-74ad-ac02-9cc2a1b90312',
    entityRef: 'component:default/orders-api',
    requestedBy: 'user:default/olivia-orders',
    status: 'active',
    cluster: 'aks-prod',
    namespace: 'orders',
    serviceAccountName: 'orders-api',
    spec: {
      entityRef: 'component:default/orders-api',
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName: 'orders-api',
      resources: [],
    },
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:01:00.000Z',
    events: [],
    ...overrides,
  };
}

/** A request revoked at noon on 5 December 2026, its identity deleted. */
export const revokedRequest = requestOf({
  status: 'revoked',
  updatedAt: '2026-12-05T12:00:00.000Z',
  events: [
    {
      id: '20',
      requestId: '01a20b08-0292-74ad-ac02-9cc2a1b90312',
      type: 'revoked',
      actor: 'user:default/olivia-orders',
      detail: { identityKept: false },
      createdAt: '2026-12-05T12:00:00.000Z',
    },
  ],
});

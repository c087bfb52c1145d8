import {
  AccessRequestRecord,
  InventoryRow,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { requestOfRow } from './requestOfRow';

const scope =
  '/subscriptions/s/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata';
const readerGuid = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1';

const row: InventoryRow = {
  entityRef: 'component:default/orders-api',
  cluster: 'aks-dev',
  namespace: 'orders',
  serviceAccount: 'orders-api',
  identity: 'id-orders-api-aks-dev',
  roleName: 'Storage Blob Data Reader',
  roleDefinitionId: `/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/${readerGuid}`,
  scope,
  privileged: false,
  chainState: 'ok',
  checkedAt: '2026-12-04T10:00:00.000Z',
};

function request(
  id: string,
  overrides: Partial<AccessRequestRecord> = {},
  roleScope = scope,
): AccessRequestRecord {
  return {
    id,
    entityRef: 'component:default/orders-api',
    requestedBy: 'user:default/olivia-orders',
    status: 'active',
    cluster: 'aks-dev',
    namespace: 'orders',
    serviceAccountName: 'orders-api',
    spec: {} as AccessRequestRecord['spec'],
    plan: {
      steps: [
        {
          id: 'role-assignment-1',
          kind: 'ensure-role-assignment',
          action: 'create',
          roleName: 'Storage Blob Data Reader',
          roleId: readerGuid,
          scope: roleScope,
          privileged: false,
          why: '',
        },
      ],
    } as unknown as AccessRequestRecord['plan'],
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    ...overrides,
  };
}

describe('requestOfRow', () => {
  it('finds the newest request that assigned the role on the scope to the service account', () => {
    const requests = [
      request('newest-other-scope', {}, `${scope}/blobServices/default`),
      request('granting', {}, scope.toUpperCase()),
      request('older-granting'),
    ];
    expect(requestOfRow(row, requests)?.id).toBe('granting');
  });

  it('matches no request of another service account, cluster or component', () => {
    expect(
      requestOfRow(row, [
        request('a', { serviceAccountName: 'orders-admin' }),
        request('b', { cluster: 'aks-prod' }),
        request('c', { entityRef: 'component:default/search-indexer' }),
      ]),
    ).toBeUndefined();
  });

  it("links an identity that holds no role to its service account's newest request", () => {
    const bare = {
      ...row,
      roleName: '(none)',
      roleDefinitionId: '',
      scope: '',
    };
    expect(requestOfRow(bare, [request('newest'), request('older')])?.id).toBe(
      'newest',
    );
  });
});

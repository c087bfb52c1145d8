import { AccessRequestWithEvents } from '@backstage-community/plugin-azure-workload-identity-common';
import { requestFactsOf } from './requestFactsOf';

const IDENTITY =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders-api-aks-prod';
const STORAGE =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata';
const ISSUER = 'https://oidc.example/aks-prod/';

function request(
  overrides: Partial<AccessRequestWithEvents> = {},
): AccessRequestWithEvents {
  return {
    id: 'req-1',
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
      resources: [{ resourceId: STORAGE, intent: 'write' }],
    },
    planHash: 'sha256:abc',
    plan: {
      planHash: 'sha256:abc',
      requiresApproval: false,
      approvalReasons: [],
      notes: [],
      steps: [
        {
          id: 'identity',
          kind: 'ensure-identity',
          action: 'create',
          name: 'id-orders-api-aks-prod',
          resourceId: IDENTITY,
          subscriptionId: '00000000-0000-0000-0000-000000000001',
          resourceGroup: 'rg-identities',
          tags: {},
          why: '',
        },
        {
          id: 'fic',
          kind: 'ensure-federated-credential',
          action: 'create',
          identityResourceId: IDENTITY,
          name: 'aks-prod-orders-orders-api',
          issuer: ISSUER,
          subject: 'system:serviceaccount:orders:orders-api',
          audience: 'api://AzureADTokenExchange',
          why: '',
        },
        {
          id: 'ra-0',
          kind: 'ensure-role-assignment',
          action: 'create',
          roleName: 'Storage Blob Data Contributor',
          roleId: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
          scope: STORAGE,
          privileged: false,
          why: '',
        },
      ],
    },
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-01T10:05:00Z',
    events: [
      {
        id: '1',
        requestId: 'req-1',
        type: 'step-applied',
        actor: 'provisioner',
        detail: { step: 'identity', clientId: 'c-1', principalId: 'p-1' },
        createdAt: '2026-11-01T10:01:00Z',
      },
      {
        id: '2',
        requestId: 'req-1',
        type: 'step-applied',
        actor: 'provisioner',
        detail: { step: 'fic' },
        createdAt: '2026-11-01T10:02:00Z',
      },
      {
        id: '3',
        requestId: 'req-1',
        type: 'apply-completed',
        actor: 'provisioner',
        createdAt: '2026-11-01T10:05:00Z',
      },
    ],
    ...overrides,
  };
}

describe('requestFactsOf', () => {
  it('gives the rules what the plan made and what the provisioner recorded', () => {
    expect(requestFactsOf(request())).toEqual({
      id: 'req-1',
      status: 'active',
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName: 'orders-api',
      identity: {
        resourceId: IDENTITY,
        name: 'id-orders-api-aks-prod',
        clientId: 'c-1',
        principalId: 'p-1',
      },
      federatedCredential: {
        name: 'aks-prod-orders-orders-api',
        issuer: ISSUER,
        subject: 'system:serviceaccount:orders:orders-api',
        audiences: ['api://AzureADTokenExchange'],
        appliedAt: '2026-11-01T10:02:00Z',
      },
      roleAssignments: [
        {
          roleDefinitionId:
            '/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe',
          scope: STORAGE,
          appliedAt: undefined,
        },
      ],
      targets: [{ resourceId: STORAGE, intent: 'write' }],
      appliedAt: '2026-11-01T10:05:00Z',
      expiresAt: undefined,
      planHash: 'sha256:abc',
    });
  });

  it('maps the lifecycle onto the rules’ states and leaves cancelled requests out', () => {
    expect(
      requestFactsOf(request({ status: 'pending-approval' }))?.status,
    ).toBe('pending');
    expect(requestFactsOf(request({ status: 'applying' }))?.status).toBe(
      'approved',
    );
    expect(requestFactsOf(request({ status: 'cancelled' }))).toBeUndefined();
  });
});

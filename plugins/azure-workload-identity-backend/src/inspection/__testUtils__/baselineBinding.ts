import { BindingSnapshot, RequestRecordFacts } from '../snapshot';
import { baselineTemplate, mutatedPod, NOW, ONE_DAY_AGO, W } from './world';

export function baselineRequest(): RequestRecordFacts {
  return {
    id: 'req-1',
    status: 'active',
    cluster: 'aks-prod',
    namespace: 'orders',
    serviceAccountName: 'orders-api',
    workload: { kind: 'Deployment', name: 'orders-api' },
    identity: {
      resourceId: W.identityId,
      name: 'wi-orders',
      clientId: W.clientId,
      principalId: W.principalId,
    },
    federatedCredential: {
      name: 'orders-api',
      issuer: W.issuer,
      subject: 'system:serviceaccount:orders:orders-api',
      audiences: ['api://AzureADTokenExchange'],
      appliedAt: ONE_DAY_AGO,
    },
    roleAssignments: [
      {
        roleDefinitionId: W.blobReader,
        scope: W.storageId,
        appliedAt: ONE_DAY_AGO,
      },
      {
        roleDefinitionId: W.secretsUser,
        scope: W.vaultId,
        appliedAt: ONE_DAY_AGO,
      },
    ],
    targets: [
      { resourceId: W.storageId, intent: 'read' },
      { resourceId: W.vaultId, intent: 'read' },
    ],
    appliedAt: ONE_DAY_AGO,
    planHash: 'sha256:baseline',
  };
}

const open = {
  publicNetworkAccess: 'Enabled',
  networkAcls: {
    defaultAction: 'Allow' as const,
    ipRules: [],
    virtualNetworkRules: [],
  },
};

function assignment(name: string, roleDefinitionId: string, scope: string) {
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    properties: {
      roleDefinitionId,
      principalId: W.principalId,
      principalType: 'ServicePrincipal',
      scope,
      createdOn: ONE_DAY_AGO,
    },
  };
}

export const BASELINE_ASSIGNMENTS = {
  storage: () =>
    assignment(
      '11111111-aaaa-0000-0000-000000000001',
      W.blobReader,
      W.storageId,
    ),
  vault: () =>
    assignment(
      '11111111-aaaa-0000-0000-000000000002',
      W.secretsUser,
      W.vaultId,
    ),
};

/** Deployment `orders-api` in `orders` with its pods, identity, FIC, roles and targets. */
export function baselineBinding(): BindingSnapshot {
  const template = baselineTemplate();
  return {
    cluster: 'aks-prod',
    namespace: 'orders',
    workload: {
      status: 'ok',
      value: {
        kind: 'Deployment',
        metadata: {
          name: 'orders-api',
          namespace: 'orders',
          labels: { 'backstage.io/kubernetes-id': 'orders-api' },
        },
        template,
        replicas: 2,
        availableReplicas: 2,
      },
    },
    pods: {
      status: 'ok',
      value: [
        mutatedPod('orders-api-7c9d-abcde', template),
        mutatedPod('orders-api-7c9d-fghij', template),
      ],
    },
    events: { status: 'ok', value: [] },
    aadPodIdentity: {
      status: 'not-found',
      reason: 'aadpodidentity.k8s.io is not installed',
    },
    identity: {
      status: 'ok',
      value: {
        id: W.identityId,
        name: 'wi-orders',
        properties: {
          clientId: W.clientId,
          principalId: W.principalId,
          tenantId: W.tenant,
        },
      },
    },
    federatedCredentials: {
      status: 'ok',
      value: [
        {
          id: `${W.identityId}/federatedIdentityCredentials/orders-api`,
          name: 'orders-api',
          properties: {
            issuer: W.issuer,
            subject: 'system:serviceaccount:orders:orders-api',
            audiences: ['api://AzureADTokenExchange'],
          },
        },
      ],
    },
    roleAssignments: {
      status: 'ok',
      value: [BASELINE_ASSIGNMENTS.storage(), BASELINE_ASSIGNMENTS.vault()],
    },
    targets: [
      {
        resourceId: W.storageId,
        intent: 'read',
        source: 'request',
        resource: {
          status: 'ok',
          value: {
            id: W.storageId,
            name: 'ordersdata',
            type: 'Microsoft.Storage/storageAccounts',
            properties: { ...open, allowSharedKeyAccess: false },
          },
        },
        assignmentsAtScope: {
          status: 'ok',
          value: [BASELINE_ASSIGNMENTS.storage()],
        },
      },
      {
        resourceId: W.vaultId,
        intent: 'read',
        source: 'request',
        resource: {
          status: 'ok',
          value: {
            id: W.vaultId,
            name: 'kv-orders',
            type: 'Microsoft.KeyVault/vaults',
            properties: {
              ...open,
              enableRbacAuthorization: true,
              tenantId: W.tenant,
              accessPolicies: [],
            },
          },
        },
        assignmentsAtScope: {
          status: 'ok',
          value: [BASELINE_ASSIGNMENTS.vault()],
        },
      },
    ],
    probe: {
      status: 'ok',
      value: { status: 'succeeded', at: NOW.toISOString() },
    },
  };
}

import { JsonObject } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  AccessRequestView,
  PlanView,
  RequestEventView,
  RequestStatus,
} from '../client/AzureWorkloadIdentityApi';

export const REQUEST_ID = '0190f5e2-7b1c-7c3d-8e4f-0123456789ab';
export const STORAGE =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata';
export const IDENTITY =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders-api-aks-prod';

const ISSUER =
  'https://eastus.oic.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/aks-prod/';

/** The plan the backend makes for orders-api reading one storage account, as it sends it. */
export const plan: PlanView = {
  planHash: 'sha256:4f2a',
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
      why: 'orders-api has no identity on aks-prod yet',
    },
    {
      id: 'federated-credential',
      kind: 'ensure-federated-credential',
      action: 'create',
      name: 'aks-prod-orders-orders-api',
      identityResourceId: IDENTITY,
      issuer: ISSUER,
      subject: 'system:serviceaccount:orders:orders-api',
      audience: 'api://AzureADTokenExchange',
      why: 'lets the service account orders/orders-api sign in as the identity',
    },
    {
      id: 'role-assignment-1',
      kind: 'ensure-role-assignment',
      action: 'create',
      roleName: 'Storage Blob Data Reader',
      roleId: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
      scope: STORAGE,
      privileged: false,
      why: 'read intent on a storage account: the least role that reads blobs',
    },
    {
      id: 'service-account',
      kind: 'ensure-service-account',
      cluster: 'aks-prod',
      namespace: 'orders',
      name: 'orders-api',
      annotations: {
        'azure.workload.identity/client-id': {
          fromStep: 'identity',
          output: 'clientId',
        },
      },
      labels: {},
      why: 'points the service account at the identity',
    },
    {
      id: 'verify',
      kind: 'verify',
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName: 'orders-api',
      issuer: ISSUER,
      audience: 'api://AzureADTokenExchange',
      why: 'proves the token exchange works end to end',
    },
  ],
};

export const approvalPlan: PlanView = {
  ...plan,
  requiresApproval: true,
  approvalReasons: [
    { code: 'production', message: 'aks-prod is a production cluster' },
  ],
};

export const MANIFEST =
  'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders-api\n  namespace: orders\n';

let nextEventId = 1;

export function event(
  type: string,
  detail?: JsonObject,
  actor = 'provisioner-1',
): RequestEventView {
  return {
    id: String(nextEventId++),
    requestId: REQUEST_ID,
    type,
    actor,
    detail,
    createdAt: '2026-11-22T10:00:00Z',
  };
}

/** The timeline of a request that is applied all the way, in the provisioner's order. */
export function fullTimeline(): RequestEventView[] {
  return [
    event(
      'created',
      { status: 'approved', requiresApproval: false },
      'user:default/olivia',
    ),
    event('apply-started', { from: 'approved', to: 'applying' }),
    event('step-started', { step: 'identity', kind: 'ensure-identity' }),
    event('step-applied', {
      step: 'identity',
      resourceId: IDENTITY,
      clientId: '11111111-1111-1111-1111-111111111111',
      principalId: '22222222-2222-2222-2222-222222222222',
      tenantId: '33333333-3333-3333-3333-333333333333',
    }),
    event('step-started', {
      step: 'role-assignment-1',
      kind: 'ensure-role-assignment',
    }),
    event('step-retrying', {
      step: 'role-assignment-1',
      reason: 'the identity has not replicated to Azure RBAC yet',
      attempt: 1,
    }),
    event('step-applied', { step: 'role-assignment-1', adopted: false }),
    event('step-started', {
      step: 'service-account',
      kind: 'ensure-service-account',
    }),
    event('step-applied', {
      step: 'service-account',
      mode: 'manifest',
      manifest: MANIFEST,
    }),
    event('apply-completed', { from: 'applying', to: 'active' }),
  ];
}

export function requestView(
  status: RequestStatus,
  events: RequestEventView[],
  overrides: Partial<AccessRequestView> = {},
): AccessRequestView {
  return {
    id: REQUEST_ID,
    entityRef: 'component:default/orders-api',
    requestedBy: 'user:default/olivia',
    status,
    cluster: 'aks-prod',
    namespace: 'orders',
    serviceAccountName: 'orders-api',
    spec: {
      entityRef: 'component:default/orders-api',
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName: 'orders-api',
      resources: [{ resourceId: STORAGE, intent: 'read' }],
    },
    plan,
    planHash: plan.planHash,
    createdAt: '2026-11-22T10:00:00Z',
    updatedAt: '2026-11-22T10:00:00Z',
    events,
    ...overrides,
  };
}

/** The request as successive reads see it: the timeline growing as the provisioner works. */
export function readsToActive(): AccessRequestView[] {
  const timeline = fullTimeline();
  return [
    requestView('approved', timeline.slice(0, 1)),
    requestView('applying', timeline.slice(0, 3)),
    requestView('applying', timeline.slice(0, 6)),
    requestView('active', timeline),
  ];
}

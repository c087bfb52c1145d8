import {
  Plan,
  PlanStep,
} from '@backstage-community/plugin-azure-workload-identity-common';
import {
  describeEnvironment,
  describePlanStep,
  shortScope,
} from './planInWords';

const ISSUER = 'https://oidc.aks-prod.example/issuer/';
const CONTAINER =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata/blobServices/default/containers/orders';

const identity: PlanStep = {
  id: 'identity',
  kind: 'ensure-identity',
  action: 'create',
  name: 'id-orders-api-aks-prod',
  resourceId: 'x',
  subscriptionId: 's',
  resourceGroup: 'rg-identities',
  tags: {},
  why: '',
};
const credential: PlanStep = {
  id: 'fic',
  kind: 'ensure-federated-credential',
  action: 'create',
  identityResourceId: 'x',
  name: 'aks-prod-orders-orders-api',
  issuer: ISSUER,
  subject: 'system:serviceaccount:orders:orders-api',
  audience: 'api://AzureADTokenExchange',
  why: '',
};
const role: PlanStep = {
  id: 'ra-0',
  kind: 'ensure-role-assignment',
  action: 'create',
  roleName: 'Storage Blob Data Reader',
  roleId: 'r',
  scope: CONTAINER,
  privileged: false,
  why: '',
};
const serviceAccount: PlanStep = {
  id: 'service-account',
  kind: 'ensure-service-account',
  cluster: 'aks-prod',
  namespace: 'orders',
  name: 'orders-api',
  annotations: {},
  labels: {},
  why: '',
};
const verify: PlanStep = {
  id: 'verify',
  kind: 'verify',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  issuer: ISSUER,
  audience: 'api://AzureADTokenExchange',
  why: '',
};

const planOf = (
  steps: PlanStep[],
  environment?: Plan['environment'],
): Plan => ({
  planHash: 'sha256:x',
  steps,
  requiresApproval: false,
  approvalReasons: [],
  notes: [],
  ...(environment ? { environment } : {}),
});

describe('the plan in words', () => {
  const plan = planOf([identity, credential, role, serviceAccount, verify]);

  it('says what each step does to what', () => {
    expect(plan.steps.map(step => describePlanStep(step, plan))).toEqual([
      'Create managed identity id-orders-api-aks-prod',
      "Trust aks-prod's issuer for system:serviceaccount:orders:orders-api",
      'Storage Blob Data Reader on …/containers/orders',
      'Annotate service account orders/orders-api',
      'Check a token exchange works',
    ]);
  });

  it('says when a step reuses or corrects what exists', () => {
    const reused = planOf([
      { ...identity, action: 'adopt' },
      { ...credential, action: 'adopt' },
      { ...credential, action: 'update' },
      { ...role, action: 'adopt' },
      serviceAccount,
    ]);
    expect(reused.steps.map(step => describePlanStep(step, reused))).toEqual([
      'Reuse managed identity id-orders-api-aks-prod',
      "Reuse the trust of aks-prod's issuer for system:serviceaccount:orders:orders-api",
      "Correct the trust of aks-prod's issuer for system:serviceaccount:orders:orders-api",
      'Storage Blob Data Reader on …/containers/orders (already assigned)',
      'Annotate service account orders/orders-api',
    ]);
  });

  it('names the issuer itself when the plan names no cluster', () => {
    expect(describePlanStep(credential, planOf([credential]))).toBe(
      `Trust the issuer ${ISSUER} for system:serviceaccount:orders:orders-api`,
    );
  });

  it('keeps a short scope whole', () => {
    expect(shortScope('/subscriptions/0001')).toBe('/subscriptions/0001');
    expect(shortScope('/subscriptions/0001/resourceGroups/rg-apps')).toBe(
      '…/resourceGroups/rg-apps',
    );
  });

  it('says where the environment comes from, and nothing when there is none', () => {
    expect(describeEnvironment(planOf([], 'production'))).toBe(
      "Environment: production (from the cluster's configuration)",
    );
    expect(describeEnvironment(planOf([]))).toBeUndefined();
  });
});

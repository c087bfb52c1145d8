import { Plan } from '@backstage-community/plugin-azure-workload-identity-common';
import { resourceName, stepTitle } from './stepTitle';

const ACCOUNT =
  '/subscriptions/s/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata';

const plan: Plan = {
  planHash: 'sha256:a',
  requiresApproval: false,
  approvalReasons: [],
  notes: [],
  steps: [
    {
      id: 'identity',
      kind: 'ensure-identity',
      action: 'create',
      name: 'id-orders-api-aks-prod',
      resourceId: 'x',
      subscriptionId: 's',
      resourceGroup: 'rg',
      tags: {},
      why: '',
    },
    {
      id: 'role-assignment-1',
      kind: 'ensure-role-assignment',
      action: 'create',
      roleName: 'Storage Blob Data Reader',
      roleId: 'r',
      scope: `${ACCOUNT}/blobServices/default/containers/orders`,
      privileged: false,
      why: '',
    },
    {
      id: 'verify',
      kind: 'verify',
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName: 'orders-api',
      issuer: 'i',
      audience: 'a',
      why: '',
    },
  ],
};

describe('stepTitle', () => {
  it('names a step of the plan by what it makes', () => {
    expect(stepTitle('identity', { plan })).toBe(
      'Managed identity id-orders-api-aks-prod',
    );
    expect(stepTitle('role-assignment-1', { plan })).toBe(
      'Role Storage Blob Data Reader on ordersdata/orders',
    );
    expect(stepTitle('verify', { plan })).toBe(
      'Token exchange check for orders/orders-api',
    );
  });

  it('still reads as words without the plan, by the step’s id or kind', () => {
    expect(stepTitle('federated-credential')).toBe('Federated credential');
    expect(stepTitle('role-assignment-2')).toBe('Role assignment 2');
    expect(stepTitle('x-9', { kind: 'ensure-service-account' })).toBe(
      'Service account',
    );
    expect(stepTitle('x-9')).toBe('A step of the plan');
  });
});

describe('resourceName', () => {
  it.each([
    [ACCOUNT, 'ordersdata'],
    [`${ACCOUNT}/blobServices/default/containers/orders`, 'ordersdata/orders'],
    ['/subscriptions/s/resourceGroups/rg-apps', 'rg-apps'],
  ])('names %s “%s”', (scope, name) => {
    expect(resourceName(scope)).toBe(name);
  });
});

import { AccessRequestRecord } from '../requests/types';
import { readyDescription } from './readyWords';

const request = {
  id: 'r1',
  entityRef: 'component:default/orders-api',
  requestedBy: 'user:default/olivia-orders',
  status: 'active',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  plan: {
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
        scope: '/subscriptions/s',
        privileged: false,
        why: '',
      },
    ],
  },
} as unknown as AccessRequestRecord;

describe('readyDescription', () => {
  it('says the chain is ready and what remains, never that pods get their token', () => {
    const words = readyDescription(request);
    expect(words).toBe(
      `The chain for service account orders/orders-api on aks-prod is ready: managed identity id-orders-api-aks-prod trusts it. The pods that use this access must carry the label azure.workload.identity/use: "true" and run as service account orders/orders-api: their workload's pod template needs that label and serviceAccountName: orders-api. The request's page gives the exact command for the workload that runs there. Azure may take up to 10 minutes to apply a new role assignment.`,
    );
    expect(words).not.toMatch(/verified|get their Azure token/);
  });

  it('leaves out the wait for roles when the request made none', () => {
    const adoptedOnly = {
      ...request,
      plan: { ...request.plan!, steps: [request.plan!.steps[0]] },
    } as AccessRequestRecord;
    expect(readyDescription(adoptedOnly)).not.toMatch(/10 minutes/);
  });
});

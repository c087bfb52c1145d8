import { findBuiltinRole } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  ApprovalPolicy,
  ApprovalPolicyInput,
} from '@backstage-community/plugin-azure-workload-identity-node';
import { decideWithPolicies } from './approvalPolicies';
import { builtinApprovalPolicy } from './approvalPolicy';
import { EnsureRoleAssignmentStep } from './Plan';

const store =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.AppConfiguration/configurationStores/appcs-orders';

function readerStep(): EnsureRoleAssignmentStep {
  const role = findBuiltinRole('App Configuration Data Reader')!;
  return {
    id: 'role-assignment-1',
    kind: 'ensure-role-assignment',
    action: 'create',
    roleName: role.roleName,
    roleId: role.id,
    scope: store,
    privileged: false,
    why: 'test',
  };
}

function input(
  overrides: Partial<Omit<ApprovalPolicyInput, 'reasonsSoFar'>> = {},
): Omit<ApprovalPolicyInput, 'reasonsSoFar'> {
  return {
    request: {
      entityRef: 'component:default/orders-api',
      cluster: 'aks-dev',
      namespace: 'orders',
      serviceAccountName: 'orders-api',
      resources: [{ resourceId: store, intent: 'read' }],
    },
    component: {
      entityRef: 'component:default/orders-api',
      owners: ['group:default/team-orders'],
    },
    steps: [readerStep()],
    notes: [],
    environment: 'development',
    ownershipReasons: [],
    ...overrides,
  };
}

const configStoresNeedApproval: ApprovalPolicy = {
  id: 'config-stores',
  async decide({ steps }) {
    const stores = steps.filter(
      s =>
        s.kind === 'ensure-role-assignment' &&
        /configurationStores/i.test(s.scope),
    );
    return {
      approvalReasons: stores.map(() => ({
        code: 'config-store',
        message: 'Configuration stores hold every service’s settings.',
      })),
    };
  },
};

describe('decideWithPolicies', () => {
  it('lets a data reader in development through when only the built-in policy runs', async () => {
    const decision = await decideWithPolicies({
      policies: [builtinApprovalPolicy],
      input: input(),
    });
    expect(decision).toEqual({
      refusals: [],
      requiresApproval: false,
      approvalReasons: [],
    });
  });

  it("adds an adopter's reasons after the built-in ones", async () => {
    const decision = await decideWithPolicies({
      policies: [builtinApprovalPolicy, configStoresNeedApproval],
      input: input({ environment: 'production' }),
    });
    expect(decision.requiresApproval).toBe(true);
    expect(decision.approvalReasons.map(r => r.code)).toEqual([
      'production',
      'config-store',
    ]);
  });

  it('shows each policy the reasons before it, and keeps them whatever it does to its copy', async () => {
    const seen: string[][] = [];
    const eraser: ApprovalPolicy = {
      id: 'eraser',
      async decide(given) {
        seen.push(given.reasonsSoFar.map(r => r.code));
        (given.reasonsSoFar as unknown[]).length = 0;
        given.ownershipReasons.length = 0;
        given.steps.length = 0;
        return { approvalReasons: [] };
      },
    };
    const ownership = [
      { code: 'other-team-resource', message: 'appcs-orders is theirs.' },
    ];
    const decision = await decideWithPolicies({
      policies: [builtinApprovalPolicy, eraser, configStoresNeedApproval],
      input: input({ ownershipReasons: ownership }),
    });
    expect(seen).toEqual([['other-team-resource']]);
    expect(decision.approvalReasons.map(r => r.code)).toEqual([
      'other-team-resource',
      'config-store',
    ]);
    expect(ownership).toHaveLength(1);
  });

  it('passes on refusals, each naming the field', async () => {
    const noManage: ApprovalPolicy = {
      id: 'no-manage-in-production',
      async decide({ request, environment }) {
        const index = request.resources.findIndex(r => r.intent === 'manage');
        return environment === 'production' && index >= 0
          ? {
              refusals: [
                {
                  field: `resources[${index}].intent`,
                  message: 'manage is not granted in production; ask for write',
                },
              ],
            }
          : {};
      },
    };
    const decision = await decideWithPolicies({
      policies: [builtinApprovalPolicy, noManage],
      input: input({
        environment: 'production',
        request: {
          ...input().request,
          resources: [{ resourceId: store, intent: 'manage' }],
        },
      }),
    });
    expect(decision.refusals).toEqual([
      {
        field: 'resources[0].intent',
        message: 'manage is not granted in production; ask for write',
      },
    ]);
  });

  it('sends the plan to a person when a policy fails or answers nonsense', async () => {
    const failing: ApprovalPolicy = {
      id: 'cmdb-lookup',
      async decide() {
        throw new Error('the CMDB did not answer');
      },
    };
    const nonsense = {
      id: 'sloppy',
      decide: async () => ({ approvalReasons: [{ code: 'x' }] }),
    } as unknown as ApprovalPolicy;
    const decision = await decideWithPolicies({
      policies: [builtinApprovalPolicy, failing, nonsense],
      input: input(),
    });
    expect(decision.requiresApproval).toBe(true);
    expect(decision.approvalReasons).toEqual([
      {
        code: 'approval-policy-failed',
        message:
          'The approval policy cmdb-lookup could not decide (the CMDB did not answer), so a person must look at the plan.',
      },
      {
        code: 'approval-policy-failed',
        message: expect.stringContaining(
          'The approval policy sloppy could not decide (its answer is not',
        ),
      },
    ]);
  });

  it('lists a reason two policies give once', async () => {
    const decision = await decideWithPolicies({
      policies: [configStoresNeedApproval, configStoresNeedApproval],
      input: input(),
    });
    expect(decision.approvalReasons).toHaveLength(1);
  });
});

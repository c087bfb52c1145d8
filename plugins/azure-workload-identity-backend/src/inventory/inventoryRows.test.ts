import {
  CHAIN_LINKS,
  ChainView,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { inventoryRows } from './inventoryRows';

const STORAGE =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata';
const READER = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'; // Storage Blob Data Reader
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';

function chain(overrides: Partial<ChainView> = {}): ChainView {
  return {
    entityRef: 'component:default/orders-api',
    checkedAt: '2026-12-04T10:00:00.000Z',
    links: Object.fromEntries(
      CHAIN_LINKS.map(l => [l, 'ok']),
    ) as ChainView['links'],
    findings: [],
    bindings: [
      {
        usesWorkloadIdentity: true,
        cluster: 'aks-prod',
        namespace: 'orders',
        workload: 'deployment/orders-api',
        pods: 2,
        serviceAccount: 'orders-api',
        identity: {
          name: 'wi-orders',
          id: 'x',
          clientId: 'c',
          principalId: 'p',
        },
        federatedCredentials: [],
        roleAssignments: [
          {
            roleDefinitionId: `/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/${READER}`,
            scope: STORAGE,
          },
          {
            roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`,
            scope:
              '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps',
          },
        ],
        targets: [],
      },
    ],
    ...overrides,
  };
}

describe('inventoryRows', () => {
  it('lists each role on each scope, with privileged roles and broad scopes marked', () => {
    const rows = inventoryRows(chain(), { owner: 'group:default/team-orders' });
    expect(rows).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/orders-api',
        owner: 'group:default/team-orders',
        cluster: 'aks-prod',
        identity: 'wi-orders',
        roleName: 'Storage Blob Data Reader',
        scope: STORAGE,
        privileged: false,
        chainState: 'ok',
      }),
      expect.objectContaining({
        roleName: 'Owner',
        privileged: true,
        broadScope: 'resource group',
      }),
    ]);
    expect(rows[0].broadScope).toBeUndefined();
  });

  it('keeps a component that holds no role, with its worst finding', () => {
    const base = chain();
    const rows = inventoryRows(
      chain({
        links: { ...base.links, roleassignment: 'broken' },
        findings: [
          {
            ruleId: 'ra-missing',
            link: 'roleassignment',
            severity: 'error',
            state: 'broken',
            message: 'no role',
            evidence: { expected: 'a role', actual: 'none' },
            fix: {
              kind: 'command',
              text: 'az role assignment create',
              owner: 'component',
            },
          },
        ],
        bindings: [{ ...base.bindings[0], roleAssignments: [] }],
      }),
      {},
    );
    expect(rows).toEqual([
      expect.objectContaining({
        roleName: '(none)',
        chainState: 'broken',
        worstFinding: {
          ruleId: 'ra-missing',
          state: 'broken',
          message: 'no role',
        },
      }),
    ]);
  });

  it('leaves out workloads that do not use workload identity', () => {
    const base = chain();
    expect(
      inventoryRows(
        chain({
          bindings: [{ ...base.bindings[0], usesWorkloadIdentity: false }],
        }),
        {},
      ),
    ).toEqual([]);
  });
});

import { findBuiltinRole } from '@backstage-community/plugin-azure-workload-identity-common';
import { decideApproval, scopeBreadth } from './approvalPolicy';
import { EnsureRoleAssignmentStep } from './Plan';

const sub = '/subscriptions/00000000-0000-0000-0000-000000000001';

function assignment(
  scope: string,
  privileged = false,
): EnsureRoleAssignmentStep {
  return {
    id: 'role-assignment-1',
    kind: 'ensure-role-assignment',
    action: 'create',
    roleName: privileged ? 'Owner' : 'Storage Blob Data Reader',
    roleId: findBuiltinRole(privileged ? 'Owner' : 'Storage Blob Data Reader')!
      .id,
    scope,
    privileged,
    why: 'test',
  };
}

describe('scopeBreadth', () => {
  it.each([
    [
      `${sub}/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/a`,
      undefined,
    ],
    [
      `${sub}/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/a/blobServices/default/containers/c`,
      undefined,
    ],
    [`${sub}/resourceGroups/rg-apps`, 'resource group'],
    [sub, 'subscription'],
    [
      '/providers/Microsoft.Management/managementGroups/root',
      'management group',
    ],
    ['/', 'unclassified'],
  ])('%s → %s', (scope, breadth) => {
    expect(scopeBreadth(scope)).toBe(breadth);
  });
});

describe('decideApproval', () => {
  it('asks for approval for a resource group or subscription scope, naming it', () => {
    const decision = decideApproval({
      steps: [assignment(`${sub}/resourceGroups/rg-apps`), assignment(sub)],
      notes: [],
      environment: 'development',
    });
    expect(decision.requiresApproval).toBe(true);
    expect(decision.approvalReasons.map(r => r.message)).toEqual([
      expect.stringContaining('a whole resource group'),
      expect.stringContaining('a whole subscription'),
    ]);
  });

  it('lists every reason when several apply', () => {
    const decision = decideApproval({
      steps: [assignment(sub, true)],
      notes: [],
      environment: 'production',
    });
    expect(decision.approvalReasons.map(r => r.code)).toEqual([
      'grants-access-role',
      'wildcard-actions',
      'broad-scope',
      'production',
    ]);
  });

  it('sends a data owner role to approval in development too, saying so', () => {
    const owner = findBuiltinRole('Storage Blob Data Owner')!;
    const decision = decideApproval({
      steps: [
        {
          ...assignment(
            `${sub}/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/a`,
          ),
          roleName: owner.roleName,
          roleId: owner.id,
        },
      ],
      notes: [],
      environment: 'development',
    });
    expect(decision.requiresApproval).toBe(true);
    expect(decision.approvalReasons).toEqual([
      {
        code: 'data-owner-role',
        message: expect.stringContaining(
          'Storage Blob Data Owner is a data owner role',
        ),
      },
    ]);
  });

  it('approves a single data reader in development by itself', () => {
    const decision = decideApproval({
      steps: [
        assignment(
          `${sub}/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/a`,
        ),
      ],
      notes: [],
      environment: 'development',
    });
    expect(decision).toEqual({ requiresApproval: false, approvalReasons: [] });
  });

  it('treats an unknown environment as possibly production', () => {
    const decision = decideApproval({
      steps: [],
      notes: [],
      environment: undefined,
    });
    expect(decision.approvalReasons.map(r => r.code)).toEqual([
      'environment-unknown',
    ]);
  });

  it('adds the ownership reasons it is given, and a role it cannot judge', () => {
    const decision = decideApproval({
      steps: [
        {
          ...assignment(`${sub}/resourceGroups/rg/providers/A.B/c/d`),
          roleId: 'custom',
        },
      ],
      notes: [],
      environment: 'staging',
      ownershipReasons: [
        { code: 'other-team-resource', message: 'kv-payments belongs to …' },
      ],
    });
    expect(decision.approvalReasons.map(r => r.code)).toEqual([
      'privileged-role',
      'other-team-resource',
    ]);
  });
});

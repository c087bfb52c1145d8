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
    roleId: 'x',
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
      'privileged-role',
      'broad-scope',
      'production',
    ]);
  });
});

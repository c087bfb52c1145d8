import { IDENTITY_ID, VAULT } from '../__testUtils__/world';
import {
  identityPlan,
  requestWith,
} from '../provisioning/__testUtils__/FakeReplan';
import { EnsureRoleAssignmentStep, Plan } from '../planning/Plan';
import { holdsSameResource, resourceKeyOf } from './resourceKeys';

const READER = '/providers/Microsoft.Authorization/roleDefinitions/4633458b';

function roleStep(scope: string): EnsureRoleAssignmentStep {
  return {
    id: `role:${scope}`,
    kind: 'ensure-role-assignment',
    why: 'reads secrets',
    action: 'create',
    roleName: 'Key Vault Secrets User',
    roleId: READER,
    scope,
    privileged: false,
  };
}

function requestOn(identityId: string, steps: Plan['steps'], id: string) {
  const plan = identityPlan('create');
  const identity = {
    ...plan.steps[0],
    resourceId: identityId,
  } as Plan['steps'][0];
  return requestWith({ ...plan, steps: [identity, ...steps] }, { id });
}

describe('resource keys', () => {
  it('names a role assignment by scope and role, whatever their case', () => {
    expect(resourceKeyOf(roleStep(VAULT))).toBe(
      resourceKeyOf(roleStep(VAULT.toUpperCase())),
    );
    expect(resourceKeyOf(identityPlan('create').steps[0])).toBeUndefined();
  });

  it('finds the same role assignment in another request on the same identity', () => {
    const step = roleStep(VAULT);
    const request = requestOn(IDENTITY_ID, [step], 'req-1');
    const other = requestOn(
      IDENTITY_ID.toUpperCase(),
      [roleStep(VAULT.toLowerCase())],
      'req-2',
    );

    expect(holdsSameResource({ other, request, step })).toBe(true);
  });

  it('does not take the same role on another identity for this one', () => {
    const step = roleStep(VAULT);
    const request = requestOn(IDENTITY_ID, [step], 'req-1');
    const other = requestOn(`${IDENTITY_ID}-other`, [roleStep(VAULT)], 'req-2');

    expect(holdsSameResource({ other, request, step })).toBe(false);
  });

  it('does not find a resource the other plan lacks', () => {
    const step = roleStep(VAULT);
    const request = requestOn(IDENTITY_ID, [step], 'req-1');
    const other = requestOn(IDENTITY_ID, [], 'req-2');

    expect(holdsSameResource({ other, request, step })).toBe(false);
  });
});

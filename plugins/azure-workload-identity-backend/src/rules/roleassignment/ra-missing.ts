import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import {
  identityAssignmentsOn,
  isAccessPolicyVault,
  requiredAccess,
  roleAssignmentCreate,
} from './roleAccess';

/** The identity holds no role at or above a target (or none at all when targets are unknown). */
export const raMissing: BindingRule = {
  id: 'ra-missing',
  link: 'roleassignment',
  scope: 'binding',
  reads: ['A2', 'A4', 'A5', 'A6', 'O3'],
  masks: ['request-drift'],
  evaluate({ unit }) {
    const identity = unit.identity;
    if (!identity) return [];
    const principal = identity.properties.principalId;
    const body = (scope: string, leastRole: string, expected: string) => ({
      severity: 'error' as const,
      state: 'broken' as const,
      message: `Identity ${identity.name} has no role on ${scope}. Token exchange can succeed, but every call to ${scope} will be denied (403).`,
      evidence: { expected, actual: `none (at or above ${scope})` },
      fix: commandFix(roleAssignmentCreate(principal, leastRole, scope)),
    });
    if (unit.binding.targets.length === 0) {
      if ((valueOf(unit.binding.roleAssignments) ?? []).length > 0) return [];
      return [
        findingOf(raMissing, {
          ...body(
            'any scope',
            '<least role>',
            `a role for principal ${principal}`,
          ),
          message: `Identity ${identity.name} has no role assignment in any subscription Backstage can read; every Azure call it makes will be denied (403).`,
          fix: commandFix(
            roleAssignmentCreate(
              principal,
              '<least role>',
              '<target resource id>',
            ),
          ),
          ref: refs.azure(identity.id, 'UserAssignedIdentity'),
        }),
      ];
    }
    return (
      unit.binding.targets
        // A deleted target still fires (resource-not-found masks it, §5 storage-account-deleted).
        .filter(
          t =>
            ['ok', 'not-found'].includes(t.resource.status) &&
            !isAccessPolicyVault(t),
        )
        .filter(t => identityAssignmentsOn(unit, t).length === 0)
        .map(t =>
          findingOf(raMissing, {
            ...body(
              t.resourceId,
              requiredAccess(t).leastRole ?? '<least role>',
              `a role on ${t.resourceId} for principal ${principal}`,
            ),
            ref: refs.azure(t.resourceId, 'Resource'),
          }),
        )
    );
  },
};

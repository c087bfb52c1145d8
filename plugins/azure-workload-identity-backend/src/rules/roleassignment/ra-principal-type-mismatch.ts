import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import {
  identityAssignments,
  roleAssignmentDelete,
  roleName,
} from './assignments';
import { roleAssignmentCreate } from './roleAccess';

/** An assignment records the managed identity as something other than a service principal. */
export const raPrincipalTypeMismatch: BindingRule = {
  id: 'ra-principal-type-mismatch',
  link: 'roleassignment',
  scope: 'binding',
  reads: ['A2', 'A4'],
  masks: [],
  severity: 'warning',
  detects:
    'A role assignment records the managed identity as another kind of principal than a service principal; re-creating it makes sure it applies.',
  fix: 'Deletes the assignment and creates it again, since Azure refuses a second one of the same role, scope and principal.',
  evaluate({ unit }) {
    const identity = unit.identity;
    if (!identity) return [];
    // An absent principalType is a read that did not keep it, not a wrong value.
    return identityAssignments(unit)
      .filter(
        a =>
          a.properties.principalType !== undefined &&
          a.properties.principalType !== 'ServicePrincipal',
      )
      .map(a => {
        const role = roleName(unit, a);
        const { scope, principalType } = a.properties;
        return findingOf(raPrincipalTypeMismatch, {
          severity: 'warning',
          state: 'degraded',
          message: `Role assignment ${role} on ${scope} records the identity as a ${principalType}; managed identities are service principals. Re-create it to be sure it applies.`,
          evidence: {
            expected: 'principalType=ServicePrincipal',
            actual: `principalType=${principalType}`,
          },
          // Delete first: ARM refuses a second assignment of the same role, scope and
          // principal (RoleAssignmentExists), whatever principalType it records.
          fix: commandFix(
            `${roleAssignmentDelete(a.id)} && ${roleAssignmentCreate(
              identity.properties.principalId,
              role,
              scope,
            )}`,
          ),
          ref: refs.azure(a.id, 'RoleAssignment'),
        });
      });
  },
};

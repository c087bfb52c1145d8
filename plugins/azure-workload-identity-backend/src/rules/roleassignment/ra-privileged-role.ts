import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import {
  coversAction,
  coversTarget,
  identityAssignments,
  roleAssignmentDelete,
  roleName,
  targetsUnder,
} from './assignments';
import { requiredAccess, roleAssignmentCreate, roleOf } from './roleAccess';

type Role = NonNullable<ReturnType<typeof roleOf>>;

// Judged from the role's actions, not the catalogue's `privileged` flag: that flag also marks
// Contributor, which is only a warning: it cannot write role assignments.
function privilege(
  role: Role,
): { severity: 'error' | 'warning'; can: string } | undefined {
  if (coversAction(role, 'Microsoft.Authorization/roleAssignments/write'))
    return { severity: 'error', can: 'grant access to anyone' };
  if (role.actions.includes('*'))
    return {
      severity: 'warning',
      can: 'change or delete resources and read their keys',
    };
  const identities = 'Microsoft.ManagedIdentity/userAssignedIdentities';
  if (
    coversAction(role, `${identities}/federatedIdentityCredentials/write`) ||
    coversAction(role, `${identities}/assign/action`)
  )
    return {
      severity: 'warning',
      can: 'add federated credentials to other identities and impersonate them',
    };
  return undefined;
}

/** The application identity holds a role that manages access, everything, or other identities. */
export const raPrivilegedRole: BindingRule = {
  id: 'ra-privileged-role',
  link: 'roleassignment',
  scope: 'binding',
  reads: ['A2', 'A4', 'A5'],
  masks: ['request-drift'],
  severity: ['error', 'warning'],
  detects:
    "The identity holds a role that can grant access to anyone (an error), or change and delete resources and read their keys, or add credentials to other identities and impersonate them (warnings). Judged from the role's actions.",
  fix: 'Assigns the least data role on each resource the privileged role served and deletes the privileged assignment.',
  evaluate({ unit, resourceTypes }) {
    const identity = unit.identity;
    if (!identity) return [];
    const all = identityAssignments(unit);
    const findings = [];
    for (const a of all) {
      const role = roleOf(unit, a.properties.roleDefinitionId);
      const level = role && privilege(role);
      if (!level) continue;
      const others = all.filter(o => o !== a);
      // Grant the least data role only where the other assignments do not cover the target.
      const uncovered = targetsUnder(unit, a.properties.scope).filter(
        t => !coversTarget(unit, t, others, resourceTypes),
      );
      const creates = uncovered.map(t =>
        roleAssignmentCreate(
          identity.properties.principalId,
          requiredAccess(t, resourceTypes).leastRole ?? '<least data role>',
          t.resourceId,
        ),
      );
      const undecided = uncovered
        .filter(t => !requiredAccess(t, resourceTypes).leastRole)
        .map(t => t.resourceId);
      findings.push(
        findingOf(raPrivilegedRole, {
          severity: level.severity,
          state: 'degraded',
          message: `Identity ${identity.name} holds ${roleName(unit, a)} at ${
            a.properties.scope
          }. An application identity with it can ${level.can}.`,
          evidence: {
            expected: 'data-plane roles only',
            actual: `${roleName(unit, a)} at ${a.properties.scope}`,
          },
          fix: commandFix(
            [...creates, roleAssignmentDelete(a.id)].join(' && '),
            'component',
            undecided.length
              ? {
                  note: `No single built-in role grants exactly the access asked for on ${undecided.join(
                    ', ',
                  )}: choose the data role with the platform team and put its name for <least data role>.`,
                }
              : undefined,
          ),
          ref: refs.azure(a.id, 'RoleAssignment'),
        }),
      );
    }
    return findings;
  },
};

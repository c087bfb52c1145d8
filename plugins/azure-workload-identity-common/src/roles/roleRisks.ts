import { BuiltinRole, operationMatches } from './builtinRoles';

/**
 * What makes a role risky enough that a person must approve it, in every environment:
 * - `data-owner`: full control of a service's data plane, including deleting it and, for
 *   storage, setting POSIX ACLs that grant others access (the built-in "… Data Owner" roles and
 *   Key Vault Administrator, whose data actions are `Microsoft.KeyVault/vaults/*`);
 * - `grants-access`: can write role assignments, so whoever holds it can give access onward
 *   (Owner, User Access Administrator, Role Based Access Control Administrator, Key Vault Data
 *   Access Administrator);
 * - `wildcard-actions`: `*` as an action or data action, i.e. everything at its scope.
 *
 * Judged from the role definition's own actions, so a role the catalogue adds later is judged
 * the same way. Operation names: https://learn.microsoft.com/azure/role-based-access-control/permissions/management-and-governance
 * (Microsoft.Authorization/roleAssignments/write).
 *
 * @public
 */
export type RoleRisk = 'data-owner' | 'grants-access' | 'wildcard-actions';

const WRITE_ROLE_ASSIGNMENTS = 'Microsoft.Authorization/roleAssignments/write';

// Key Vault Administrator is the vault's data owner in all but name.
const DATA_OWNERS_BY_ACTION = ['Microsoft.KeyVault/vaults/*'];

/** @public */
export function roleRisks(
  role: Pick<
    BuiltinRole,
    'roleName' | 'actions' | 'notActions' | 'dataActions'
  >,
): RoleRisk[] {
  const risks: RoleRisk[] = [];
  if (
    /\bData Owner$/i.test(role.roleName) ||
    role.dataActions.some(a =>
      DATA_OWNERS_BY_ACTION.some(
        owner => owner.toLowerCase() === a.toLowerCase(),
      ),
    )
  ) {
    risks.push('data-owner');
  }
  if (
    role.actions.some(a => operationMatches(a, WRITE_ROLE_ASSIGNMENTS)) &&
    !role.notActions.some(a => operationMatches(a, WRITE_ROLE_ASSIGNMENTS))
  ) {
    risks.push('grants-access');
  }
  if ([...role.actions, ...role.dataActions].some(a => a === '*')) {
    risks.push('wildcard-actions');
  }
  return risks;
}

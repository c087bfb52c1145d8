import { builtinRoles } from '@backstage-community/plugin-azure-workload-identity-common';

/**
 * The roles the portal may ever assign: the non-privileged built-in roles of the role
 * catalogue. Owner, Contributor, User Access Administrator and RBAC Administrator are never
 * among them, so a portal whose identity is compromised still cannot hand out control.
 */
export function delegableRoles(): Array<{ id: string; roleName: string }> {
  return builtinRoles
    .filter(role => !role.privileged)
    .map(role => ({
      id: role.id.split('/').pop()!.toLowerCase(),
      roleName: role.roleName,
    }));
}

/**
 * The Azure ABAC condition for the portal's "Role Based Access Control Administrator"
 * assignment: it may create and delete assignments of the delegable roles only.
 */
export function delegationCondition(): string {
  const ids = delegableRoles()
    .map(role => role.id)
    .join(', ');
  return [
    "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'}))",
    ` OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${ids}}))`,
    " AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'}))",
    ` OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${ids}}))`,
  ].join('');
}

import { RoleDefinitionRecord } from '../state/types';
// The one built-in role catalogue of the project (the common package's builtin-roles.json), shared
// with the role compiler so the twin and the planner can never disagree about a role.
import { builtinRoles as catalogue } from '@backstage-community/plugin-azure-workload-identity-common';

// Built-in roles carry fixed dates in Azure; any stable value will do here.
const CREATED_ON = '2017-12-21T00:01:24.7972312Z';
const UPDATED_ON = '2021-11-11T20:13:55.6006406Z';

export const BUILTIN_ROLES: readonly RoleDefinitionRecord[] = catalogue.map(
  r => ({
    id: r.id.toLowerCase(),
    roleName: r.roleName,
    type: 'BuiltInRole' as const,
    description: r.description,
    assignableScopes: ['/'],
    permissions: [
      {
        actions: r.actions,
        notActions: r.notActions,
        dataActions: r.dataActions,
        notDataActions: r.notDataActions,
      },
    ],
    createdOn: CREATED_ON,
    updatedOn: UPDATED_ON,
  }),
);

/** Well-known ids the twin itself uses. */
export const ROLE_IDS = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
} as const;

export function builtinRoleByName(
  roleName: string,
): RoleDefinitionRecord | undefined {
  return BUILTIN_ROLES.find(
    r => r.roleName.toLowerCase() === roleName.toLowerCase(),
  );
}

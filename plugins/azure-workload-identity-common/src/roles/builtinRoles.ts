import roles from './builtin-roles.json';

/**
 * A built-in Azure role definition as the catalogue knows it.
 *
 * @public
 */
export interface BuiltinRole {
  roleName: string;
  /** The well-known GUID, the same in every tenant. */
  id: string;
  roleDefinitionIdSuffix: string;
  category: string;
  description: string;
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
  /** Owner, Contributor, the access administrators and anything that can write role assignments. */
  privileged: boolean;
  notes?: string;
}

/** @public */
export const builtinRoles: readonly BuiltinRole[] = roles as BuiltinRole[];

/** @public */
export function findBuiltinRole(nameOrId: string): BuiltinRole | undefined {
  const key = nameOrId.toLowerCase();
  return builtinRoles.find(
    role => role.roleName.toLowerCase() === key || role.id === key,
  );
}

/**
 * Azure's operation matching: case-insensitive, `*` matches any run of characters.
 *
 * @public
 */
export function operationMatches(pattern: string, operation: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map(part => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return regex.test(operation);
}

/**
 * Whether the role grants an operation (a data action or, for control-plane operations, an action).
 *
 * @public
 */
export function roleGrants(
  role: BuiltinRole,
  operation: { dataAction?: string; action?: string },
): boolean {
  if (operation.dataAction) {
    const op = operation.dataAction;
    return (
      role.dataActions.some(p => operationMatches(p, op)) &&
      !role.notDataActions.some(p => operationMatches(p, op))
    );
  }
  if (operation.action) {
    const op = operation.action;
    return (
      role.actions.some(p => operationMatches(p, op)) &&
      !role.notActions.some(p => operationMatches(p, op))
    );
  }
  return false;
}

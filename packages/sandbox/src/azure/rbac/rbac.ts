import { isAtOrAbove, trailingGuid } from '../ids';
import { AzureState } from '../state/AzureState';
import { RoleAssignmentRecord, RoleDefinitionRecord } from '../state/types';
import { permissionGrants } from './actions';
import { BUILTIN_ROLES } from './builtinRoles';

export type ActionKind = 'control' | 'data';

/**
 * Azure RBAC as the twin applies it, to its ARM caller and to data-plane
 * callers alike: a principal may perform an action on a scope when a role
 * assigned to it at that scope or any ancestor grants the action.
 *
 * Not modelled: deny assignments, ABAC conditions (an assignment with a
 * condition is applied as if unconditional), group membership.
 */
export class Rbac {
  constructor(private readonly state: AzureState) {}

  roleDefinitions(): RoleDefinitionRecord[] {
    return [...BUILTIN_ROLES, ...this.state.listCustomRoleDefinitions()];
  }

  /** Accepts a GUID or any id form ending in the GUID. */
  roleDefinition(idOrGuid: string): RoleDefinitionRecord | undefined {
    const guid = trailingGuid(idOrGuid);
    if (!guid) return undefined;
    return this.roleDefinitions().find(r => r.id === guid);
  }

  /** Assignments of the principal that apply to `scope` (at or above it). */
  effectiveAssignments(
    principalId: string,
    scope: string,
  ): RoleAssignmentRecord[] {
    const p = principalId.toLowerCase();
    return this.state
      .listRoleAssignments()
      .filter(
        ra =>
          ra.principalId.toLowerCase() === p && isAtOrAbove(ra.scope, scope),
      );
  }

  isAllowed(
    principalId: string,
    action: string,
    scope: string,
    kind: ActionKind,
  ): boolean {
    return (
      this.grantingAssignment(principalId, action, scope, kind) !== undefined
    );
  }

  /** The first assignment that grants the action, for explanations in errors and tests. */
  grantingAssignment(
    principalId: string,
    action: string,
    scope: string,
    kind: ActionKind,
  ): RoleAssignmentRecord | undefined {
    return this.effectiveAssignments(principalId, scope).find(ra => {
      const role = this.roleDefinition(ra.roleDefinitionId);
      return (
        role?.permissions.some(p => permissionGrants(p, action, kind)) ?? false
      );
    });
  }
}

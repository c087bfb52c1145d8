import {
  findResourceType,
  ResourceTypeSpec,
  operationMatches,
  parseResourceId,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { RoleAssignment } from '../../inspection/azureTypes';
import { BindingView } from '../../inspection/derive';
import { valueOf } from '../../inspection/reads';
import { TargetSnapshot } from '../../inspection/snapshot';
import { atOrAbove, normScope, requiredAccess, roleOf } from './roleAccess';

type Role = NonNullable<ReturnType<typeof roleOf>>;

/**
 * Every assignment of the binding's identity Backstage read: the `principalId eq` list and the
 * `atScope()` lists of the targets, once each (the same assignment appears in both).
 */
export function identityAssignments(unit: BindingView): RoleAssignment[] {
  const principal = unit.identity?.properties.principalId.toLowerCase();
  if (!principal) return [];
  return uniqueById([
    ...(valueOf(unit.binding.roleAssignments) ?? []),
    ...unit.binding.targets.flatMap(t => valueOf(t.assignmentsAtScope) ?? []),
  ]).filter(a => a.properties.principalId.toLowerCase() === principal);
}

export function uniqueById(assignments: RoleAssignment[]): RoleAssignment[] {
  const seen = new Set<string>();
  return assignments.filter(a => {
    const key = a.id.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The role's name for messages; the definition id when the role is unknown. */
export function roleName(unit: BindingView, a: RoleAssignment): string {
  return (
    roleOf(unit, a.properties.roleDefinitionId)?.roleName ??
    a.properties.roleDefinitionId
  );
}

/** A role covers a data action when some dataAction matches it and no notDataAction does. */
export function coversData(role: Role | undefined, dataAction: string) {
  return Boolean(
    role &&
      role.dataActions.some(p => operationMatches(p, dataAction)) &&
      !role.notDataActions.some(p => operationMatches(p, dataAction)),
  );
}

export function coversAction(role: Role | undefined, action: string) {
  return Boolean(
    role &&
      role.actions.some(p => operationMatches(p, action)) &&
      !role.notActions.some(p => operationMatches(p, action)),
  );
}

/** Whether the assignments together grant every data action the target's intent needs. */
export function coversTarget(
  unit: BindingView,
  target: TargetSnapshot,
  assignments: RoleAssignment[],
  resourceTypes: readonly ResourceTypeSpec[],
): boolean {
  const roles = assignments.map(a =>
    roleOf(unit, a.properties.roleDefinitionId),
  );
  return requiredAccess(target, resourceTypes).dataActions.every(d =>
    roles.some(r => coversData(r, d)),
  );
}

export type ScopeKind =
  | 'root'
  | 'management group'
  | 'subscription'
  | 'resource group'
  | 'resource';

export function scopeKind(scope: string): ScopeKind {
  const s = normScope(scope);
  if (s === '/') return 'root';
  if (/^\/providers\/microsoft\.management\/managementgroups\/[^/]+$/.test(s))
    return 'management group';
  if (/^\/subscriptions\/[^/]+$/.test(s)) return 'subscription';
  if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/.test(s))
    return 'resource group';
  return 'resource';
}

/** Targets the assignment reaches: its scope is at or above them. */
export function targetsUnder(
  unit: BindingView,
  scope: string,
): TargetSnapshot[] {
  return unit.binding.targets.filter(t => atOrAbove(scope, t.resourceId));
}

/** "Storage account", "Key Vault", ... for messages; "resource" when the type is unknown. */
export function resourceTypeName(
  resourceId: string,
  resourceTypes: readonly ResourceTypeSpec[],
): string {
  const type = parseResourceId(resourceId)?.resourceType ?? '';
  return findResourceType(type, resourceTypes)?.displayName ?? 'resource';
}

export function roleAssignmentDelete(assignmentId: string): string {
  return `az role assignment delete --ids ${assignmentId}`;
}

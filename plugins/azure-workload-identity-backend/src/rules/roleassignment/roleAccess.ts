import {
  BuiltinRole,
  builtinRoles,
  compileTarget,
  findResourceType,
  parseResourceId,
  ResourceTypeSpec,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { RoleAssignment } from '../../inspection/azureTypes';
import { BindingView } from '../../inspection/derive';
import { valueOf } from '../../inspection/reads';
import { TargetSnapshot } from '../../inspection/snapshot';

/** Normalised scope: one leading slash, no trailing slash, lower case. */
export const normScope = (scope: string) =>
  `/${scope.replace(/^\/+|\/+$/g, '')}`.toLowerCase();

/** The scope equals the target or contains it at a `/` boundary. */
export function atOrAbove(scope: string, target: string): boolean {
  const s = normScope(scope);
  const t = normScope(target);
  return s === '/' || t === s || t.startsWith(`${s}/`);
}

/** The role behind an assignment: the built-in catalogue first, then the custom roles read (`A5`). */
export function roleOf(
  unit: BindingView,
  roleDefinitionId: string,
):
  | Pick<
      BuiltinRole,
      'roleName' | 'actions' | 'notActions' | 'dataActions' | 'notDataActions'
    >
  | undefined {
  const guid = roleDefinitionId.split('/').pop()?.toLowerCase();
  return (
    builtinRoles.find(r => r.id === guid) ??
    (valueOf(unit.snapshot.roleDefinitions) ?? []).find(
      r => r.id.split('/').pop()?.toLowerCase() === guid,
    )
  );
}

// Finer intents of a request map onto the catalogue's permissions (send → messages.send).
function permissionsFor(
  spec: ResourceTypeSpec | undefined,
  intent: string,
): string[] {
  if (!spec) return [];
  if (intent in spec.intents)
    return spec.intents[intent as keyof typeof spec.intents];
  return Object.keys(spec.permissions).filter(p => p.endsWith(`.${intent}`));
}

/**
 * The data actions a target's intent needs, and the least built-in role that grants them, by
 * the resource types the plugin knows. A type it does not know needs nothing it can judge.
 */
export function requiredAccess(
  target: TargetSnapshot,
  resourceTypes: readonly ResourceTypeSpec[],
): {
  dataActions: string[];
  leastRole?: string;
} {
  const type = parseResourceId(target.resourceId)?.resourceType ?? '';
  const spec = findResourceType(type, resourceTypes);
  const permissions = permissionsFor(spec, target.intent);
  const dataActions = permissions.flatMap(p =>
    (spec?.permissions[p].operations ?? [])
      .map(o => o.dataAction)
      .filter((d): d is string => Boolean(d)),
  );
  return {
    dataActions,
    leastRole: dataActions.length
      ? leastRoleFor(target.resourceId, permissions, resourceTypes)
      : undefined,
  };
}

// The request compiler's choice (-common), so the fix names the role a request would get;
// counting data actions alone would pick Key Vault Administrator (`vaults/*`) for secrets.
function leastRoleFor(
  resourceId: string,
  permissions: string[],
  resourceTypes: readonly ResourceTypeSpec[],
): string | undefined {
  try {
    const { assignments } = compileTarget(
      { resourceId, permissions },
      { resourceTypes },
    );
    return assignments.length === 1 ? assignments[0].roleName : undefined;
  } catch {
    return undefined;
  }
}

/** Assignments of the binding's identity at or above the target. */
export function identityAssignmentsOn(
  unit: BindingView,
  target: TargetSnapshot,
): RoleAssignment[] {
  const principal = unit.identity?.properties.principalId;
  if (!principal) return [];
  const all = [
    ...(valueOf(unit.binding.roleAssignments) ?? []),
    ...(valueOf(target.assignmentsAtScope) ?? []),
  ];
  const seen = new Set<string>();
  return all.filter(a => {
    if (a.properties.principalId.toLowerCase() !== principal.toLowerCase())
      return false;
    if (!atOrAbove(a.properties.scope, target.resourceId) || seen.has(a.id))
      return false;
    seen.add(a.id);
    return true;
  });
}

/** Key Vaults in access-policy mode ignore RBAC data roles; the kv-* rules judge them. */
export function isAccessPolicyVault(target: TargetSnapshot): boolean {
  const resource = valueOf(target.resource);
  return (
    resource?.type.toLowerCase() === 'microsoft.keyvault/vaults' &&
    resource.properties.enableRbacAuthorization !== true
  );
}

export function roleAssignmentCreate(
  principalId: string,
  role: string,
  scope: string,
): string {
  return `az role assignment create --assignee-object-id ${principalId} --assignee-principal-type ServicePrincipal --role "${role}" --scope ${scope}`;
}

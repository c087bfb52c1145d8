import { parseResourceId } from './azureResourceId';
import {
  BuiltinRole,
  builtinRoles,
  findBuiltinRole,
  roleGrants,
} from './builtinRoles';
import { findResourceType, Intent, ResourceTypeSpec } from './resourceTypes';

/**
 * One Azure resource a workload needs, as a request names it.
 *
 * @public
 */
export interface AccessTarget {
  /** The resource or, narrower, a sub-resource (container, secret, topic, ...). */
  resourceId: string;
  intent?: Intent;
  /** A narrower ask than an intent, e.g. `['certificates.read']`. */
  permissions?: string[];
  /** What the workload must not be able to do; the plan says where no built-in role meets it. */
  mustNot?: string[];
  /** An explicit role by name or id, instead of compiling one. */
  role?: string;
  /** Required for a privileged role; such a plan always needs approval. */
  allowPrivileged?: boolean;
}

/** @public */
export interface CompiledAssignment {
  roleName: string;
  /** The role definition's GUID. */
  roleId: string;
  scope: string;
  privileged: boolean;
  /** The catalogue's permissions of this resource type that the role grants. */
  grants: string[];
}

/** @public */
export interface CompilerNote {
  level: 'info' | 'warning';
  code:
    | 'must-not-unmet'
    | 'broader-than-asked'
    | 'scope-could-be-narrower'
    | 'explicit-role';
  message: string;
}

/** @public */
export interface CompiledTarget {
  scope: string;
  scopeKind: string;
  resourceType: string;
  permissions: string[];
  assignments: CompiledAssignment[];
  notes: CompilerNote[];
}

/**
 * A target the compiler cannot turn into roles; `field` names the input to change.
 *
 * @public
 */
export class RoleCompilationError extends Error {
  readonly name = 'RoleCompilationError';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

/**
 * How to compile a target.
 *
 * @public
 */
export interface CompileTargetOptions {
  /** The request field the target came from, named in errors; default `resources[0]`. */
  field?: string;
  /** The types the compiler knows; default the built-in ones. */
  resourceTypes?: readonly ResourceTypeSpec[];
}

/**
 * Compiles one target into the least-privileged built-in role assignments at the scope it
 * names. Least privilege is measured on the catalogue: among the non-privileged roles that
 * grant every needed operation, the one granting the fewest of the resource type's known
 * permissions wins, then the one with the fewest control-plane writes, then the narrowest
 * wildcards. When no one role covers everything, the needs are split over several roles.
 *
 * @public
 */
export function compileTarget(
  target: AccessTarget,
  options: CompileTargetOptions = {},
): CompiledTarget {
  const field = options.field ?? 'resources[0]';
  const parsed = parseResourceId(target.resourceId);
  if (!parsed) {
    throw new RoleCompilationError(
      `${field}.resourceId`,
      `'${target.resourceId}' is not an Azure resource id; expected /subscriptions/<guid>/resourceGroups/<group>/providers/<namespace>/<type>/<name>`,
    );
  }
  const spec = findResourceType(parsed.resourceType, options.resourceTypes);
  if (!spec) {
    throw new RoleCompilationError(
      `${field}.resourceId`,
      `resources of type ${parsed.resourceType} are not in the role catalogue; name an explicit role or ask the platform team to add the type`,
    );
  }
  const scopeKind = scopeKindOf(spec, parsed.childPath, field);
  const scope = target.resourceId.replace(/\/+$/, '');
  const permissions = neededPermissions(spec, target, field);
  for (const permission of permissions) {
    if (!spec.permissions[permission].scopeKinds.includes(scopeKind)) {
      throw new RoleCompilationError(
        `${field}.resourceId`,
        `${permission} cannot be granted on a ${scopeKind}; use the ${
          spec.displayName
        } or one of: ${spec.permissions[permission].scopeKinds
          .filter(k => k !== 'resource')
          .join(', ')}`,
      );
    }
  }

  const notes: CompilerNote[] = [];
  const assignments = target.role
    ? [explicitAssignment(spec, target, scope, field, notes)]
    : chooseRoles(spec, permissions, field).map(role =>
        assignmentOf(spec, role, scope),
      );

  const granted = new Set(assignments.flatMap(a => a.grants));
  for (const forbidden of target.mustNot ?? []) {
    checkKnownPermission(spec, forbidden, `${field}.mustNot`);
    if (granted.has(forbidden)) {
      notes.push({
        level: 'warning',
        code: 'must-not-unmet',
        message: `No built-in role grants ${permissions.join(
          ', ',
        )} without ${forbidden}: ${assignments
          .filter(a => a.grants.includes(forbidden))
          .map(a => a.roleName)
          .join(', ')} also allows it${
          scopeKind === 'resource' ? '' : `, limited to this ${scopeKind}`
        }. Proposed: keep the role at this scope and add an Azure ABAC condition or a custom role that excludes ${forbidden}.`,
      });
    }
  }
  const extra = [...granted].filter(
    p => !permissions.includes(p) && !(target.mustNot ?? []).includes(p),
  );
  if (extra.length > 0 && !target.role) {
    notes.push({
      level: 'info',
      code: 'broader-than-asked',
      message: `The least-privileged built-in role also allows ${extra.join(
        ', ',
      )}.`,
    });
  }
  if (scopeKind === 'resource' && spec.subScopes.length > 0) {
    notes.push({
      level: 'info',
      code: 'scope-could-be-narrower',
      message: `Granted on the whole ${spec.displayName}; a ${spec.subScopes
        .map(s => s.kind)
        .join(' or ')} scope would be narrower.`,
    });
  }

  return {
    scope,
    scopeKind,
    resourceType: spec.type,
    permissions,
    assignments,
    notes,
  };
}

function scopeKindOf(
  spec: ResourceTypeSpec,
  childPath: string | undefined,
  field: string,
): string {
  if (!childPath) return 'resource';
  const sub = spec.subScopes.find(s => s.pattern.test(childPath));
  if (!sub) {
    throw new RoleCompilationError(
      `${field}.resourceId`,
      `'${childPath}' is not a scope of a ${
        spec.displayName
      }; use the resource itself${
        spec.subScopes.length
          ? ` or a ${spec.subScopes.map(s => s.kind).join(', ')}`
          : ''
      }`,
    );
  }
  return sub.kind;
}

function checkKnownPermission(
  spec: ResourceTypeSpec,
  permission: string,
  field: string,
) {
  if (!spec.permissions[permission]) {
    throw new RoleCompilationError(
      field,
      `unknown permission '${permission}' for a ${
        spec.displayName
      }; known: ${Object.keys(spec.permissions).join(', ')}`,
    );
  }
}

function neededPermissions(
  spec: ResourceTypeSpec,
  target: AccessTarget,
  field: string,
): string[] {
  if (target.permissions && target.permissions.length > 0) {
    target.permissions.forEach(p =>
      checkKnownPermission(spec, p, `${field}.permissions`),
    );
    return [...new Set(target.permissions)];
  }
  if (target.intent) return spec.intents[target.intent];
  if (target.role) return [];
  throw new RoleCompilationError(
    field,
    'name an intent (read, write or manage), permissions or a role',
  );
}

function grantsOf(spec: ResourceTypeSpec, role: BuiltinRole): string[] {
  return Object.entries(spec.permissions)
    .filter(([, p]) => p.operations.every(op => roleGrants(role, op)))
    .map(([name]) => name);
}

// Lower is narrower: [known permissions granted, control-plane writes, wildcard breadth].
function breadth(spec: ResourceTypeSpec, role: BuiltinRole): number[] {
  const writes = role.actions.filter(a => !/\/read$/i.test(a)).length;
  const wildcard = [...role.actions, ...role.dataActions]
    .filter(p => p.includes('*'))
    .reduce((sum, p) => sum + 1000 / Math.max(1, p.indexOf('*')), 0);
  return [grantsOf(spec, role).length, writes, wildcard];
}

function narrower(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

function leastRoleCovering(
  spec: ResourceTypeSpec,
  needs: string[],
): BuiltinRole | undefined {
  let best: BuiltinRole | undefined;
  for (const role of builtinRoles) {
    if (role.privileged) continue;
    const grants = grantsOf(spec, role);
    if (!needs.every(n => grants.includes(n))) continue;
    if (!best || narrower(breadth(spec, role), breadth(spec, best)))
      best = role;
  }
  return best;
}

function chooseRoles(
  spec: ResourceTypeSpec,
  permissions: string[],
  field: string,
): BuiltinRole[] {
  const single = leastRoleCovering(spec, permissions);
  if (single) return [single];
  // No one role covers everything: cover each permission, reusing a role that already does.
  const chosen: BuiltinRole[] = [];
  for (const permission of permissions) {
    if (chosen.some(role => grantsOf(spec, role).includes(permission)))
      continue;
    const role = leastRoleCovering(spec, [permission]);
    if (!role) {
      throw new RoleCompilationError(
        `${field}.permissions`,
        `no non-privileged built-in role grants ${permission} on a ${spec.displayName}`,
      );
    }
    chosen.push(role);
  }
  return chosen;
}

function assignmentOf(
  spec: ResourceTypeSpec,
  role: BuiltinRole,
  scope: string,
): CompiledAssignment {
  return {
    roleName: role.roleName,
    roleId: role.id,
    scope,
    privileged: role.privileged,
    grants: grantsOf(spec, role),
  };
}

function explicitAssignment(
  spec: ResourceTypeSpec,
  target: AccessTarget,
  scope: string,
  field: string,
  notes: CompilerNote[],
): CompiledAssignment {
  const role = findBuiltinRole(target.role!);
  if (!role) {
    throw new RoleCompilationError(
      `${field}.role`,
      `'${target.role}' is not a built-in role in the catalogue`,
    );
  }
  if (role.privileged && !target.allowPrivileged) {
    throw new RoleCompilationError(
      `${field}.role`,
      `${role.roleName} is privileged (it can manage access or everything in scope); set allowPrivileged with a justification, or ask for an intent instead`,
    );
  }
  notes.push({
    level: role.privileged ? 'warning' : 'info',
    code: 'explicit-role',
    message: `${
      role.roleName
    } was named explicitly instead of compiled from an intent${
      role.privileged
        ? '; it is privileged and needs the platform team’s approval'
        : ''
    }.`,
  });
  return assignmentOf(spec, role, scope);
}

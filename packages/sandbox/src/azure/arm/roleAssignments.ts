import { HttpResponse, json, readJson } from '../../http';
import {
  isAtOrAbove,
  isGuid,
  normalizeScope,
  sameId,
  trailingGuid,
} from '../ids';
import {
  PrincipalKind,
  PrincipalType,
  RoleAssignmentRecord,
} from '../state/types';
import { armError, badRequest } from './armErrors';
import { ArmRequest, armTime } from './armRequest';
import { page } from './paging';
import { methodNotAllowed } from './resourceGroups';
import { roleDefinitionId } from './roleDefinitions';
import { requireScopeExists } from './scopes';

const RA_TYPE = 'Microsoft.Authorization/roleAssignments';
const PRINCIPAL_TYPES: PrincipalType[] = [
  'User',
  'Group',
  'ServicePrincipal',
  'ForeignGroup',
  'Device',
];

/** The directory object's kind as RBAC records it when it looked the principal up. */
const PRINCIPAL_TYPE_OF: Record<PrincipalKind, PrincipalType> = {
  Application: 'ServicePrincipal',
  ManagedIdentity: 'ServicePrincipal',
  User: 'User',
  Group: 'Group',
};

function raId(ra: Pick<RoleAssignmentRecord, 'scope' | 'name'>): string {
  return `${ra.scope === '/' ? '' : ra.scope}/providers/${RA_TYPE}/${ra.name}`;
}

export function renderRoleAssignment(ra: RoleAssignmentRecord) {
  return {
    id: raId(ra),
    name: ra.name,
    type: RA_TYPE,
    properties: {
      roleDefinitionId: ra.roleDefinitionId,
      principalId: ra.principalId,
      principalType: ra.principalType,
      scope: ra.scope,
      condition: ra.condition,
      conditionVersion: ra.conditionVersion,
      createdOn: armTime(ra.createdOn),
      updatedOn: armTime(ra.updatedOn),
      createdBy: ra.createdBy,
      updatedBy: ra.updatedBy,
      delegatedManagedIdentityResourceId: ra.delegatedManagedIdentityResourceId,
      description: ra.description,
    },
  };
}

type Filter =
  | { kind: 'all' }
  | { kind: 'atScope' }
  | { kind: 'principal'; principalId: string }
  | { kind: 'assignedTo'; principalId: string };

function parseFilter(filter: string | null): Filter {
  if (!filter || !filter.trim()) return { kind: 'all' };
  const f = filter.trim();
  if (/^atScope\(\)$/i.test(f)) return { kind: 'atScope' };
  const principal = /^principalId\s+eq\s+'([^']+)'$/i.exec(f);
  if (principal) return { kind: 'principal', principalId: principal[1] };
  const assigned = /^assignedTo\('([^']+)'\)$/i.exec(f);
  if (assigned) return { kind: 'assignedTo', principalId: assigned[1] };
  return armError(
    400,
    'UnsupportedQuery',
    `The filter '${filter}' is not supported. Supported filters are 'atScope()', 'principalId eq {id}' and 'assignedTo({id})'.`,
  );
}

/**
 * The list semantics of 2022-04-01: no filter = at, above and below the scope;
 * `atScope()` = at or above; `principalId eq` = at, above or below for that
 * principal; `assignedTo()` = at or above for that principal.
 */
export function roleAssignmentList(
  arm: ArmRequest,
  scope: string,
): HttpResponse {
  arm.authorize(`${RA_TYPE}/read`, scope);
  const filter = parseFilter(arm.query.get('$filter'));
  const related = (ra: RoleAssignmentRecord) =>
    isAtOrAbove(ra.scope, scope) || isAtOrAbove(scope, ra.scope);
  const items = arm.ctx.state.listRoleAssignments().filter(ra => {
    switch (filter.kind) {
      case 'all':
        return related(ra);
      case 'atScope':
        return isAtOrAbove(ra.scope, scope);
      case 'principal':
        return (
          ra.principalId.toLowerCase() === filter.principalId.toLowerCase() &&
          related(ra)
        );
      case 'assignedTo':
        return (
          ra.principalId.toLowerCase() === filter.principalId.toLowerCase() &&
          isAtOrAbove(ra.scope, scope)
        );
      default:
        return false;
    }
  });
  return json(200, page(arm, items, renderRoleAssignment));
}

export function roleAssignmentItem(
  arm: ArmRequest,
  scope: string,
  name: string,
): HttpResponse {
  const { state } = arm.ctx;
  const s = normalizeScope(scope);
  const fullId = raId({ scope: s, name });
  const existing = state.getRoleAssignment(name);
  const here = existing && sameId(existing.scope, s) ? existing : undefined;
  switch (arm.http.method) {
    case 'GET':
      arm.authorize(`${RA_TYPE}/read`, fullId);
      if (!here)
        armError(
          404,
          'RoleAssignmentNotFound',
          `The role assignment '${name}' is not found.`,
        );
      return json(200, renderRoleAssignment(here));
    case 'DELETE':
      arm.authorize(`${RA_TYPE}/delete`, fullId);
      if (!here) return { status: 204 };
      state.deleteRoleAssignment(name);
      return json(200, renderRoleAssignment(here));
    case 'PUT':
      return put(arm, s, name, fullId);
    default:
      return methodNotAllowed(arm);
  }
}

function put(
  arm: ArmRequest,
  scope: string,
  name: string,
  fullId: string,
): HttpResponse {
  const { state, rbac, realism } = arm.ctx;
  arm.authorize(`${RA_TYPE}/write`, fullId);
  if (!isGuid(name)) {
    badRequest(
      `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`,
      'InvalidRoleAssignmentId',
    );
  }
  const body = readJson<{ properties?: Record<string, unknown> }>(arm.http);
  const p = body.properties ?? {};
  const roleId =
    typeof p.roleDefinitionId === 'string' ? p.roleDefinitionId : '';
  const principalId = typeof p.principalId === 'string' ? p.principalId : '';
  if (!roleId || !principalId)
    badRequest(
      "The request must contain 'properties.roleDefinitionId' and 'properties.principalId'.",
      'InvalidRequestContent',
    );
  const declaredType =
    typeof p.principalType === 'string'
      ? (p.principalType as PrincipalType)
      : undefined;
  if (declaredType && !PRINCIPAL_TYPES.includes(declaredType))
    badRequest(
      `The principal type '${declaredType}' is not valid.`,
      'InvalidPrincipalType',
    );
  requireScopeExists(state, scope);
  const role = rbac.roleDefinition(roleId);
  if (!role)
    badRequest(
      `The specified role definition with ID '${
        trailingGuid(roleId) ?? roleId
      }' does not exist.`,
      'RoleDefinitionDoesNotExist',
    );

  const same = (ra: RoleAssignmentRecord) =>
    sameId(ra.scope, scope) &&
    ra.principalId.toLowerCase() === principalId.toLowerCase() &&
    trailingGuid(ra.roleDefinitionId) === role.id;
  const existing = state.getRoleAssignment(name);
  if (existing && !same(existing)) {
    armError(
      409,
      'RoleAssignmentUpdateNotPermitted',
      'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
    );
  }
  if (!existing && state.listRoleAssignments().some(same)) {
    armError(
      409,
      'RoleAssignmentExists',
      'The role assignment already exists.',
    );
  }
  // With principalType given, Azure RBAC skips the directory lookup, so an identity created a
  // moment ago can be assigned at once; without it, the lookup meets the replication delay.
  // https://learn.microsoft.com/azure/role-based-access-control/role-assignments-template#new-service-principal
  let principalType = declaredType;
  if (!existing && !declaredType) {
    const principal = state.getPrincipal(principalId);
    const replicated =
      principal &&
      arm.ctx.now() - principal.createdAt >=
        realism.principalReplicationDelayMs;
    if (replicated) principalType = PRINCIPAL_TYPE_OF[principal.kind];
    else {
      badRequest(
        `Principal ${principalId
          .replace(/-/g, '')
          .toLowerCase()} does not exist in the directory ${
          state.tenantId
        }. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype`,
        'PrincipalNotFound',
      );
    }
  }
  const record = state.putRoleAssignment({
    name: existing?.name ?? name,
    scope: existing?.scope ?? scope,
    roleDefinitionId: roleDefinitionId(scope, role.id),
    principalId,
    principalType: principalType ?? existing?.principalType ?? 'User',
    description: typeof p.description === 'string' ? p.description : null,
    condition: typeof p.condition === 'string' ? p.condition : null,
    conditionVersion:
      typeof p.conditionVersion === 'string' ? p.conditionVersion : null,
    createdBy: existing?.createdBy ?? null,
    updatedBy: arm.callerId,
  });
  return json(existing ? 200 : 201, renderRoleAssignment(record));
}

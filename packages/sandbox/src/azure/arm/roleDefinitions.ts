import { HttpResponse, json } from '../../http';
import { normalizeScope, parseResourceId } from '../ids';
import { RoleDefinitionRecord } from '../state/types';
import { armError } from './armErrors';
import { ArmRequest } from './armRequest';
import { page } from './paging';
import { methodNotAllowed } from './resourceGroups';

const RD_TYPE = 'Microsoft.Authorization/roleDefinitions';

/** Subscription form when the request scope has a subscription (what live ARM echoes), tenant form otherwise. */
export function roleDefinitionId(scope: string, guid: string): string {
  const sub = parseResourceId(scope)?.subscriptionId;
  return `${sub ? `/subscriptions/${sub}` : ''}/providers/${RD_TYPE}/${guid}`;
}

export function renderRoleDefinition(scope: string, r: RoleDefinitionRecord) {
  return {
    id: roleDefinitionId(scope, r.id),
    name: r.id,
    type: RD_TYPE,
    properties: {
      roleName: r.roleName,
      type: r.type,
      description: r.description,
      assignableScopes: r.assignableScopes,
      permissions: r.permissions,
      createdOn: r.createdOn,
      updatedOn: r.updatedOn,
      createdBy: null,
      updatedBy: null,
    },
  };
}

/** Supports `roleName eq '<name>'` and `type eq 'BuiltInRole'|'CustomRole'`. */
function applyFilter(
  roles: RoleDefinitionRecord[],
  filter: string | null,
): RoleDefinitionRecord[] {
  if (!filter) return roles;
  const m = /^\s*(roleName|type)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filter);
  if (!m)
    armError(
      400,
      'InvalidFilterInQueryString',
      `The filter '${filter}' is not supported. Use roleName eq '{name}' or type eq '{type}'.`,
    );
  const value = m[2].replace(/''/g, "'").toLowerCase();
  return m[1].toLowerCase() === 'rolename'
    ? roles.filter(r => r.roleName.toLowerCase() === value)
    : roles.filter(r => r.type.toLowerCase() === value);
}

export function roleDefinitionRoute(
  arm: ArmRequest,
  scope: string,
  guid: string | undefined,
): HttpResponse {
  if (arm.http.method !== 'GET') return methodNotAllowed(arm);
  arm.authorize(`${RD_TYPE}/read`, scope);
  const s = normalizeScope(scope);
  if (guid === undefined) {
    const roles = applyFilter(
      arm.ctx.rbac.roleDefinitions(),
      arm.query.get('$filter'),
    );
    return json(
      200,
      page(arm, roles, r => renderRoleDefinition(s, r)),
    );
  }
  const role = arm.ctx.rbac.roleDefinition(guid);
  if (!role)
    armError(
      404,
      'RoleDefinitionDoesNotExist',
      `The specified role definition with ID '${guid}' does not exist.`,
    );
  return json(200, renderRoleDefinition(s, role));
}

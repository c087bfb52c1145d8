import { HttpResponse, json, readJson } from '../../http';
import {
  ParsedResourceId,
  resourceGroupScope,
  subscriptionScope,
} from '../ids';
import { GenericResourceRecord } from '../state/types';
import {
  armError,
  badRequest,
  resourceGroupNotFound,
  resourceNotFound,
} from './armErrors';
import { ArmRequest } from './armRequest';
import { page } from './paging';
import { methodNotAllowed } from './resourceGroups';
import { resourceExists } from './scopes';

export function renderResource(r: GenericResourceRecord) {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    ...(r.location ? { location: r.location } : {}),
    ...(r.tags ? { tags: r.tags } : {}),
    ...(r.kind ? { kind: r.kind } : {}),
    ...(r.sku ? { sku: r.sku } : {}),
    properties: { provisioningState: 'Succeeded', ...r.properties },
  };
}

function typeAndNames(p: ParsedResourceId): string {
  const types = (p.type ?? '').split('/');
  return [types[0], ...p.names.flatMap((n, i) => [types[i + 1], n])].join('/');
}

/** Storage accounts, vaults, namespaces and their children: stored as given, with no schema. */
export function genericItem(
  arm: ArmRequest,
  id: string,
  parsed: ParsedResourceId,
): HttpResponse {
  const { state } = arm.ctx;
  const type = parsed.type!;
  const rg = parsed.resourceGroup;
  if (!rg)
    armError(
      400,
      'InvalidResourceType',
      `Resources of type '${type}' must live in a resource group in this sandbox.`,
    );
  const existing = state.getResource(id);
  switch (arm.http.method) {
    case 'GET':
      arm.authorize(`${type}/read`, id);
      if (!state.getResourceGroup(parsed.subscriptionId, rg))
        resourceGroupNotFound(rg);
      if (!existing) resourceNotFound(typeAndNames(parsed), rg);
      return json(200, renderResource(existing));
    case 'PUT':
    case 'PATCH': {
      arm.authorize(`${type}/write`, id);
      if (!state.getResourceGroup(parsed.subscriptionId, rg))
        resourceGroupNotFound(rg);
      if (parsed.names.length > 1) {
        const parentId = id.split('/').slice(0, -2).join('/');
        if (!resourceExists(state, parentId)) {
          armError(
            404,
            'ParentResourceNotFound',
            `Can not perform requested operation on nested resource. Parent resource '${parsed.names
              .slice(0, -1)
              .join('/')}' not found.`,
          );
        }
      }
      const body = readJson<Partial<GenericResourceRecord>>(arm.http);
      if (arm.http.method === 'PATCH' && !existing)
        resourceNotFound(typeAndNames(parsed), rg);
      if (
        body.properties !== undefined &&
        (typeof body.properties !== 'object' || body.properties === null)
      )
        badRequest("'properties' must be an object.");
      const record = state.putResource({
        id,
        type,
        name: parsed.name!,
        location: body.location ?? existing?.location,
        tags: body.tags ?? existing?.tags,
        kind: body.kind ?? existing?.kind,
        sku: body.sku ?? existing?.sku,
        properties:
          arm.http.method === 'PATCH'
            ? { ...existing?.properties, ...body.properties }
            : (body.properties as Record<string, unknown>) ?? {},
      });
      return json(existing ? 200 : 201, renderResource(record));
    }
    case 'DELETE':
      arm.authorize(`${type}/delete`, id);
      return { status: state.deleteResource(id) ? 200 : 204 };
    default:
      return methodNotAllowed(arm);
  }
}

/** A collection path (`.../providers/{ns}/{type}` or a child collection): the children of that type. */
export function genericList(
  arm: ArmRequest,
  parentScope: string,
  type: string,
): HttpResponse {
  if (arm.http.method !== 'GET') return methodNotAllowed(arm);
  arm.authorize(`${type}/read`, parentScope);
  const items = arm.ctx.state.listResources(parentScope, type);
  return json(200, page(arm, items, renderResource));
}

/** `/subscriptions/{s}[/resourceGroups/{rg}]/resources[?$filter=resourceType eq '...']`. */
export function resourcesList(
  arm: ArmRequest,
  sub: string,
  rg: string | undefined,
): HttpResponse {
  const scope = rg ? resourceGroupScope(sub, rg) : subscriptionScope(sub);
  arm.authorize('Microsoft.Resources/subscriptions/resources/read', scope);
  if (rg && !arm.ctx.state.getResourceGroup(sub, rg)) resourceGroupNotFound(rg);
  const filter = /resourceType\s+eq\s+'([^']+)'/i.exec(
    arm.query.get('$filter') ?? '',
  );
  const items = arm.ctx.state
    .listResources(scope, filter?.[1])
    // The resources API lists top-level resources only.
    .filter(r => r.type.split('/').length === 2);
  return json(200, page(arm, items, renderResource));
}

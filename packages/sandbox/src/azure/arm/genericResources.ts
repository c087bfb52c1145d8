import { HttpResponse, json, readJson } from '../../http';
import { ParsedResourceId, parseResourceId } from '../ids';
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
import { resourceExists, typeAndNames } from './scopes';
import { implicitServiceExists } from './storageServices';

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

/** Vaults, namespaces, blob containers and other children: stored as given, with no schema. */
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
        if (
          !resourceExists(state, parentId) &&
          !implicitServiceExists(state, parentId)
        ) {
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

/**
 * A collection path: `.../providers/{ns}/{type}` under a subscription or a resource
 * group (every resource of that type there, in all its groups for a subscription),
 * or a child collection (the children of that type under `parentScope`).
 */
export function genericList(
  arm: ArmRequest,
  options: { parentScope: string; type: string },
): HttpResponse {
  if (arm.http.method !== 'GET') return methodNotAllowed(arm);
  const { parentScope, type } = options;
  arm.authorize(`${type}/read`, parentScope);
  const parsed = parseResourceId(parentScope);
  if (
    parsed?.resourceGroup &&
    !parsed.type &&
    !arm.ctx.state.getResourceGroup(parsed.subscriptionId, parsed.resourceGroup)
  )
    resourceGroupNotFound(parsed.resourceGroup);
  const items = arm.ctx.state.listResources(parentScope, type);
  return json(200, page(arm, items, renderResource));
}

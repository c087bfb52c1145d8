import { HttpResponse, json, readJson } from '../../http';
import { resourceGroupScope, subscriptionScope } from '../ids';
import { ResourceGroupRecord } from '../state/types';
import { armError, badRequest, resourceGroupNotFound } from './armErrors';
import { ArmRequest } from './armRequest';
import { page } from './paging';

const RG_NAME = /^[-\w._()]{1,90}$/;

function render(rg: ResourceGroupRecord) {
  return {
    id: resourceGroupScope(rg.subscriptionId, rg.name),
    name: rg.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: rg.location,
    tags: rg.tags,
    properties: { provisioningState: 'Succeeded' },
  };
}

export function resourceGroupList(
  arm: ArmRequest,
  subscriptionId: string,
): HttpResponse {
  arm.authorize(
    'Microsoft.Resources/subscriptions/resourceGroups/read',
    subscriptionScope(subscriptionId),
  );
  return json(
    200,
    page(arm, arm.ctx.state.listResourceGroups(subscriptionId), render),
  );
}

/** GET, HEAD (checkExistence), PUT, PATCH, DELETE of one resource group. */
export function resourceGroupItem(
  arm: ArmRequest,
  subscriptionId: string,
  name: string,
): HttpResponse {
  const { state } = arm.ctx;
  const scope = resourceGroupScope(subscriptionId, name);
  const method = arm.http.method;
  const existing = state.getResourceGroup(subscriptionId, name);
  if (method === 'GET' || method === 'HEAD') {
    arm.authorize(
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      scope,
    );
    if (!existing) {
      if (method === 'HEAD') return { status: 404 };
      resourceGroupNotFound(name);
    }
    return method === 'HEAD' ? { status: 204 } : json(200, render(existing));
  }
  if (method === 'PUT' || method === 'PATCH') {
    arm.authorize(
      'Microsoft.Resources/subscriptions/resourceGroups/write',
      scope,
    );
    const body = readJson<{ location?: string; tags?: Record<string, string> }>(
      arm.http,
    );
    if (method === 'PATCH') {
      if (!existing) resourceGroupNotFound(name);
      return json(
        200,
        render(
          state.putResourceGroup({
            ...existing,
            tags: body.tags ?? existing.tags,
          }),
        ),
      );
    }
    if (!RG_NAME.test(name) || name.endsWith('.')) {
      badRequest(
        `Resource group name '${name}' is invalid. It can contain letters, digits, '_', '-', '.', '(' and ')', up to 90 characters, and cannot end with '.'.`,
        'InvalidResourceGroup',
      );
    }
    if (!body.location)
      badRequest(
        "The 'location' property is required for this resource group.",
        'LocationRequired',
      );
    if (
      existing &&
      existing.location.toLowerCase() !== body.location.toLowerCase()
    ) {
      badRequest(
        `Invalid resource group location '${body.location}'. The Resource group already exists in location '${existing.location}' in subscription '${subscriptionId}'.`,
        'InvalidResourceGroupLocation',
      );
    }
    const record = state.putResourceGroup({
      subscriptionId,
      name,
      location: body.location,
      tags: body.tags ?? {},
    });
    return json(existing ? 200 : 201, render(record));
  }
  if (method === 'DELETE') {
    arm.authorize(
      'Microsoft.Resources/subscriptions/resourceGroups/delete',
      scope,
    );
    // Deletion is a long-running operation in ARM; finishing at once is a valid (200) LRO answer.
    // A group that does not exist is ResourceGroupNotFound (404), not an idempotent 204:
    // `az group delete -n nope` fails with it (ResourceGroups_Delete in the resources spec
    // answers 200 or 202, everything else is an error).
    if (!state.deleteResourceGroup(subscriptionId, name))
      resourceGroupNotFound(name);
    return { status: 200 };
  }
  return methodNotAllowed(arm);
}

export function methodNotAllowed(arm: ArmRequest): never {
  return armError(
    405,
    'MethodNotAllowed',
    `The requested resource does not support http method '${arm.http.method}'.`,
  );
}

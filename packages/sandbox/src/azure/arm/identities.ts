import { HttpResponse, json, readJson } from '../../http';
import { armResponseId, resourceGroupScope, subscriptionScope } from '../ids';
import { identityId } from '../state/AzureState';
import { ManagedIdentityRecord } from '../state/types';
import {
  badRequest,
  resourceGroupNotFound,
  resourceNotFound,
} from './armErrors';
import { ArmRequest } from './armRequest';
import { page } from './paging';
import { methodNotAllowed } from './resourceGroups';

export const UAMI_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities';
const UAMI_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/;

export function renderIdentity(i: ManagedIdentityRecord) {
  return {
    id: armResponseId(
      i.subscriptionId,
      i.resourceGroup,
      `${UAMI_TYPE}/${i.name}`,
    ),
    name: i.name,
    type: UAMI_TYPE,
    location: i.location,
    tags: i.tags,
    properties: {
      tenantId: i.tenantId,
      principalId: i.principalId,
      clientId: i.clientId,
      isolationScope: i.isolationScope,
    },
  };
}

/** The identity or the ARM 404 for it (resource group first, as ARM checks it first). */
export function requireIdentity(
  arm: ArmRequest,
  subscriptionId: string,
  rg: string,
  name: string,
): ManagedIdentityRecord {
  if (!arm.ctx.state.getResourceGroup(subscriptionId, rg))
    resourceGroupNotFound(rg);
  const identity = arm.ctx.state.getIdentity(subscriptionId, rg, name);
  if (!identity) resourceNotFound(`${UAMI_TYPE}/${name}`, rg);
  return identity;
}

export function identityList(
  arm: ArmRequest,
  subscriptionId: string,
  rg: string | undefined,
): HttpResponse {
  const scope = rg
    ? resourceGroupScope(subscriptionId, rg)
    : subscriptionScope(subscriptionId);
  arm.authorize(`${UAMI_TYPE}/read`, scope);
  if (rg && !arm.ctx.state.getResourceGroup(subscriptionId, rg))
    resourceGroupNotFound(rg);
  const items = arm.ctx.state.listIdentities({
    subscriptionId,
    resourceGroup: rg,
  });
  return json(200, page(arm, items, renderIdentity));
}

export function identityItem(
  arm: ArmRequest,
  subscriptionId: string,
  rg: string,
  name: string,
): HttpResponse {
  const { state } = arm.ctx;
  const scope = identityId({ subscriptionId, resourceGroup: rg, name });
  switch (arm.http.method) {
    case 'GET':
      arm.authorize(`${UAMI_TYPE}/read`, scope);
      return json(
        200,
        renderIdentity(requireIdentity(arm, subscriptionId, rg, name)),
      );
    case 'PUT': {
      arm.authorize(`${UAMI_TYPE}/write`, scope);
      if (!state.getResourceGroup(subscriptionId, rg))
        resourceGroupNotFound(rg);
      if (!UAMI_NAME.test(name)) {
        badRequest(
          `The resource name '${name}' is invalid. It must start with a letter or number, contain only letters, numbers, '-' and '_', and be 3 to 128 characters long.`,
          'InvalidResourceName',
        );
      }
      const body = readJson<{
        location?: string;
        tags?: Record<string, string>;
        properties?: { isolationScope?: string };
      }>(arm.http);
      if (!body.location)
        badRequest(
          'The location property is required for this definition.',
          'LocationRequired',
        );
      const existing = state.getIdentity(subscriptionId, rg, name);
      const record = state.putManagedIdentity({
        subscriptionId,
        resourceGroup: rg,
        name,
        location: body.location,
        tags: body.tags ?? {},
        isolationScope:
          body.properties?.isolationScope ?? existing?.isolationScope ?? 'None',
      });
      return json(existing ? 200 : 201, renderIdentity(record));
    }
    case 'PATCH': {
      arm.authorize(`${UAMI_TYPE}/write`, scope);
      const existing = requireIdentity(arm, subscriptionId, rg, name);
      const body = readJson<{
        tags?: Record<string, string>;
        properties?: { isolationScope?: string };
      }>(arm.http);
      const record = state.putManagedIdentity({
        ...existing,
        tags: body.tags ?? existing.tags,
        isolationScope:
          body.properties?.isolationScope ?? existing.isolationScope,
      });
      return json(200, renderIdentity(record));
    }
    case 'DELETE':
      arm.authorize(`${UAMI_TYPE}/delete`, scope);
      if (!state.getResourceGroup(subscriptionId, rg))
        resourceGroupNotFound(rg);
      return {
        status: state.deleteIdentity(subscriptionId, rg, name) ? 200 : 204,
      };
    default:
      return methodNotAllowed(arm);
  }
}

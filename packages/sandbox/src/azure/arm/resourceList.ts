import { HttpResponse, json } from '../../http';
import { parseResourceId, resourceGroupScope, subscriptionScope } from '../ids';
import { clusterId, identityId } from '../state/AzureState';
import { AzureState } from '../state/AzureState';
import { resourceGroupNotFound } from './armErrors';
import { ArmRequest, armTime } from './armRequest';
import { page } from './paging';
import { FilterableResource, parseResourceFilter } from './resourceFilter';
import { methodNotAllowed } from './resourceGroups';

/** One row of ARM's resource list, whichever part of the twin holds it. */
interface ListedResource extends FilterableResource {
  id: string;
  kind?: string;
  sku?: Record<string, unknown>;
  identity?: unknown;
  createdAt?: number;
}

const EXPANDABLE = ['createdTime', 'changedTime', 'provisioningState'];

/**
 * `GET /subscriptions/{s}[/resourceGroups/{rg}]/resources` (Resources_List and
 * Resources_ListByResourceGroup, Microsoft.Resources/stable/2021-04-01/resources.json;
 * az 2.45 also sends 2015-11-01, whose answer has the same shape). ARM answers from its
 * own index, not from the providers, so rows are GenericResourceExpanded without
 * `properties` (ARM's answer in Azure/azure-sdk-for-python#3766); `createdTime`, `changedTime` and `provisioningState` come only when
 * `$expand` names them. Top-level resources only: containers, federated credentials
 * and other children are not listed.
 */
export function resourcesList(
  arm: ArmRequest,
  sub: string,
  rg: string | undefined,
): HttpResponse {
  if (arm.http.method !== 'GET') return methodNotAllowed(arm);
  const scope = rg ? resourceGroupScope(sub, rg) : subscriptionScope(sub);
  arm.authorize('Microsoft.Resources/subscriptions/resources/read', scope);
  if (rg && !arm.ctx.state.getResourceGroup(sub, rg)) resourceGroupNotFound(rg);
  const filter = parseResourceFilter(arm.query.get('$filter'));
  const expand = new Set(
    (arm.query.get('$expand') ?? '')
      .split(',')
      .map(s => s.trim().toLowerCase())
      .filter(Boolean),
  );
  const items = topLevelResources(arm.ctx.state, sub, rg)
    .filter(r => filter.matches(r))
    .sort((a, b) => a.id.toLowerCase().localeCompare(b.id.toLowerCase()));
  return json(
    200,
    page(arm, items, r => render(r, { expand, withTags: !filter.byTag })),
  );
}

function render(
  r: ListedResource,
  options: { expand: Set<string>; withTags: boolean },
) {
  const created =
    r.createdAt !== undefined
      ? armTime(new Date(r.createdAt).toISOString())
      : undefined;
  const expanded: Record<string, string | undefined> = {
    createdTime: created,
    changedTime: created,
    provisioningState: 'Succeeded',
  };
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    ...(r.location ? { location: r.location } : {}),
    ...(options.withTags ? { tags: r.tags ?? {} } : {}),
    ...(r.kind ? { kind: r.kind } : {}),
    ...(r.sku ? { sku: r.sku } : {}),
    ...(r.identity ? { identity: r.identity } : {}),
    ...Object.fromEntries(
      EXPANDABLE.filter(
        k => options.expand.has(k.toLowerCase()) && expanded[k] !== undefined,
      ).map(k => [k, expanded[k]]),
    ),
  };
}

/** Identities, managed clusters and generic top-level resources of a subscription or group. */
function topLevelResources(
  state: AzureState,
  subscriptionId: string,
  resourceGroup: string | undefined,
): ListedResource[] {
  const where = { subscriptionId, resourceGroup };
  const identities = state.listIdentities(where).map(i => ({
    id: identityId(i),
    name: i.name,
    type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    resourceGroup: i.resourceGroup,
    location: i.location,
    tags: i.tags,
    createdAt: i.createdAt,
  }));
  const clusters = state.listManagedClusters(where).map(c => ({
    id: clusterId(c),
    name: c.name,
    // ARM's index keeps the registered type's casing, not the provider's `ManagedClusters`.
    type: 'Microsoft.ContainerService/managedClusters',
    resourceGroup: c.resourceGroup,
    location: c.location,
    ...(c.identity ? { identity: c.identity } : {}),
  }));
  const scope = resourceGroup
    ? resourceGroupScope(subscriptionId, resourceGroup)
    : subscriptionScope(subscriptionId);
  const generic = state
    .listResources(scope)
    .filter(r => r.type.split('/').length === 2)
    .map(r => ({
      id: r.id,
      name: r.name,
      type: r.type,
      resourceGroup: parseResourceId(r.id)?.resourceGroup ?? '',
      location: r.location,
      tags: r.tags,
      kind: r.kind,
      sku: r.sku,
    }));
  return [...identities, ...clusters, ...generic];
}

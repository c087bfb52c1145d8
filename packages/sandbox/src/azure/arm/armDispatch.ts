import { HttpResponse, json } from '../../http';
import {
  normalizeScope,
  parseResourceId,
  resourceGroupScope,
  subscriptionScope,
} from '../ids';
import { ArmRequest } from './armRequest';
import { armError, resourceGroupNotFound } from './armErrors';
import { ficItem, ficList } from './federatedCredentials';
import { genericItem, genericList } from './genericResources';
import { identityItem, identityList } from './identities';
import {
  managedClusterAction,
  managedClusterItem,
  managedClusterList,
} from './managedClusters';
import { providerGet, providerList, providerRegister } from './providers';
import { resourceGroupItem, resourceGroupList } from './resourceGroups';
import { roleAssignmentItem, roleAssignmentList } from './roleAssignments';
import { roleDefinitionRoute } from './roleDefinitions';
import { subscriptionGet, subscriptionList, tenantList } from './subscriptions';
import { resourcesList } from './resourceList';
import {
  storageAccountItem,
  storageAccountList,
  storageAsyncOperation,
} from './storageAccounts';
import {
  storageAccountListKeys,
  storageCheckNameAvailability,
} from './storageAccountActions';
import {
  isStorageServiceType,
  storageServiceItem,
  storageServiceList,
} from './storageServices';

/** Routes an authenticated ARM call by the shape of its path. */
export async function dispatchArm(arm: ArmRequest): Promise<HttpResponse> {
  const segments = arm.path.split('/').filter(Boolean);
  const lower = segments.map(s => s.toLowerCase());

  // Microsoft.Authorization is an extension provider: it hangs off any scope.
  const authz = lower.findIndex(
    (s, i) => s === 'providers' && lower[i + 1] === 'microsoft.authorization',
  );
  if (authz >= 0)
    return authorization(
      arm,
      `/${segments.slice(0, authz).join('/')}`,
      segments.slice(authz + 2),
    );

  if (lower[0] === 'tenants' && segments.length === 1) return tenantList(arm);
  if (lower[0] === 'subscriptions' && segments.length === 1)
    return subscriptionList(arm);
  if (lower[0] === 'providers' && segments.length <= 2) {
    return segments[1]
      ? providerGet(arm, undefined, segments[1])
      : providerList(arm, undefined);
  }
  if (lower[0] !== 'subscriptions' || !segments[1]) return notFound(arm);
  const sub = segments[1];
  const rest = lower.slice(2);
  if (rest.length === 0) return subscriptionGet(arm, sub);
  if (rest[0] === 'providers' && rest.length === 1)
    return providerList(arm, sub);
  if (rest[0] === 'providers' && rest.length === 2)
    return providerGet(arm, sub, segments[3]);
  if (rest[0] === 'providers' && rest.length === 3 && rest[2] === 'register')
    return providerRegister(arm, sub, segments[3]);
  if (rest.length === 1 && rest[0] === 'resourcegroups')
    return resourceGroupList(arm, sub);
  if (rest.length === 1 && rest[0] === 'resources')
    return resourcesList(arm, sub, undefined);
  if (rest[0] === 'resourcegroups' && rest.length === 2)
    return resourceGroupItem(arm, sub, segments[3]);
  if (
    rest[0] === 'resourcegroups' &&
    rest.length === 3 &&
    rest[2] === 'resources'
  )
    return resourcesList(arm, sub, segments[3]);

  const rg = rest[0] === 'resourcegroups' ? segments[3] : undefined;
  const providerAt = rg ? 4 : 2;
  if (lower[providerAt] !== 'providers' || !segments[providerAt + 1])
    return notFound(arm);
  const typed = segments.slice(providerAt + 2);
  const isCollection = typed.length % 2 === 1;
  const itemPath = isCollection
    ? `/${segments.slice(0, -1).join('/')}`
    : arm.path;
  const type = [
    segments[providerAt + 1],
    ...typed.filter((_, i) => i % 2 === 0),
  ].join('/');
  const t = type.toLowerCase();
  const names = typed.filter((_, i) => i % 2 === 1);

  if (t === 'microsoft.managedidentity/userassignedidentities') {
    if (isCollection) return identityList(arm, sub, rg);
    if (rg) return identityItem(arm, sub, rg, names[0]);
  }
  if (
    t ===
      'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials' &&
    rg
  ) {
    return isCollection
      ? ficList(arm, sub, rg, names[0])
      : ficItem(arm, sub, rg, names[0], names[1]);
  }
  if (t === 'microsoft.containerservice/managedclusters') {
    if (isCollection) return managedClusterList(arm, sub, rg);
    if (rg) return managedClusterItem(arm, sub, rg, names[0]);
  }
  if (
    rg &&
    isCollection &&
    typed.length === 3 &&
    t.startsWith('microsoft.containerservice/managedclusters/')
  )
    return managedClusterAction(
      arm,
      { subscriptionId: sub, resourceGroup: rg, name: names[0] },
      typed[2],
    );
  if (t === 'microsoft.storage/storageaccounts') {
    if (isCollection) return storageAccountList(arm, sub, rg);
    if (rg) return storageAccountItem(arm, sub, rg, names[0]);
  }
  if (
    rg &&
    typed.length === 3 &&
    t === 'microsoft.storage/storageaccounts/listkeys'
  )
    return storageAccountListKeys(arm, sub, rg, names[0]);
  if (
    !rg &&
    typed.length === 1 &&
    t === 'microsoft.storage/checknameavailability'
  )
    return storageCheckNameAvailability(arm, sub);
  if (rg && isStorageServiceType(t)) {
    return isCollection
      ? storageServiceList(arm, itemPath, type)
      : storageServiceItem(arm, arm.path, type);
  }
  if (
    !rg &&
    !isCollection &&
    t === 'microsoft.storage/locations/asyncoperations'
  )
    return storageAsyncOperation(arm, names[1]);
  if (
    t.startsWith('microsoft.managedidentity/') ||
    t.startsWith('microsoft.containerservice/')
  )
    return notFound(arm);
  if (isCollection) {
    // A top-level type lists from the subscription or group, not from `/providers/{ns}`.
    const topLevelScope = rg
      ? resourceGroupScope(sub, rg)
      : subscriptionScope(sub);
    const parentScope = typed.length > 1 ? itemPath : topLevelScope;
    return genericList(arm, { parentScope, type });
  }
  const parsed = parseResourceId(arm.path);
  if (!parsed) return notFound(arm);
  return genericItem(arm, arm.path, parsed);
}

function authorization(
  arm: ArmRequest,
  scope: string,
  rest: string[],
): HttpResponse {
  const kind = rest[0]?.toLowerCase();
  if (kind === 'roleassignments' && rest.length <= 2) {
    if (rest.length === 1) return roleAssignmentList(arm, scope);
    return roleAssignmentItem(arm, scope, rest[1]);
  }
  if (kind === 'roledefinitions' && rest.length <= 2)
    return roleDefinitionRoute(arm, scope, rest[1]);
  if (kind === 'permissions' && rest.length === 1) {
    // What the caller may do here: lets least-privilege setups check themselves. Under a
    // resource group that does not exist ARM answers ResourceGroupNotFound, as for any call.
    const group = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)$/i.exec(
      normalizeScope(scope),
    );
    if (group && !arm.ctx.state.getResourceGroup(group[1], group[2]))
      resourceGroupNotFound(group[2]);
    const roles = arm.ctx.rbac
      .effectiveAssignments(arm.callerId, scope)
      .map(ra => arm.ctx.rbac.roleDefinition(ra.roleDefinitionId))
      .flatMap(r => r?.permissions ?? []);
    return json(200, { value: roles });
  }
  return notFound(arm);
}

function notFound(arm: ArmRequest): never {
  return armError(
    404,
    'NotFound',
    `The requested path '${arm.path}' is not served by the sandbox ARM twin.`,
  );
}

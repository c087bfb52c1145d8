import { normalizeScope, ParsedResourceId, parseResourceId } from '../ids';
import { AzureState } from '../state/AzureState';
import { resourceGroupNotFound, resourceNotFound } from './armErrors';
import { implicitServiceExists } from './storageServices';

/**
 * Throws the ARM 404 when a scope names something that does not exist, so
 * role assignments cannot be created on thin air. `/` and management groups
 * are accepted as they are. A nested scope is checked from its top-level
 * resource down and the 404 names the first one missing: a container of an
 * account that does not exist is the account's `ResourceNotFound`, as ARM answers
 * (Azure/azure-cli#15243), the container's own only once the account is there.
 * An account's `blobServices/default` (and its queue, file and table siblings)
 * exists with the account: Azure RBAC takes data roles at container scope and
 * above (https://learn.microsoft.com/azure/storage/blobs/assign-azure-role-data-access).
 */
export function requireScopeExists(state: AzureState, scope: string): void {
  const s = normalizeScope(scope);
  if (
    s === '/' ||
    /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(s)
  )
    return;
  const parsed = parseResourceId(s);
  if (!parsed) resourceNotFound(s, undefined);
  if (!parsed.resourceGroup) return;
  if (!state.getResourceGroup(parsed.subscriptionId, parsed.resourceGroup))
    resourceGroupNotFound(parsed.resourceGroup);
  if (!parsed.type) return;
  const segments = s.split('/');
  for (let depth = 1; depth <= parsed.names.length; depth++) {
    // Each level adds a type and a name: `/subscriptions/{s}/resourceGroups/{g}/providers/{ns}` is 7 segments.
    const ancestor = segments.slice(0, 7 + 2 * depth).join('/');
    if (
      !resourceExists(state, ancestor) &&
      !implicitServiceExists(state, ancestor)
    )
      resourceNotFound(
        typeAndNames(parseResourceId(ancestor)!),
        parsed.resourceGroup,
      );
  }
}

/** `Microsoft.Storage/storageAccounts/a/blobServices/default/containers/c`: how ARM names a nested resource. */
export function typeAndNames(p: ParsedResourceId): string {
  const types = (p.type ?? '').split('/');
  return [types[0], ...p.names.flatMap((n, i) => [types[i + 1], n])].join('/');
}

export function resourceExists(state: AzureState, id: string): boolean {
  const parsed = parseResourceId(id);
  if (!parsed?.type || !parsed.resourceGroup) return false;
  const type = parsed.type.toLowerCase();
  if (type === 'microsoft.managedidentity/userassignedidentities') {
    return Boolean(
      state.getIdentity(
        parsed.subscriptionId,
        parsed.resourceGroup,
        parsed.names[0],
      ),
    );
  }
  if (
    type ===
    'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials'
  ) {
    const identity = state.getIdentity(
      parsed.subscriptionId,
      parsed.resourceGroup,
      parsed.names[0],
    );
    return Boolean(
      identity && state.getFederatedCredential(identity, parsed.names[1]),
    );
  }
  if (type === 'microsoft.containerservice/managedclusters') {
    return Boolean(
      state.getManagedCluster(
        parsed.subscriptionId,
        parsed.resourceGroup,
        parsed.names[0],
      ),
    );
  }
  return Boolean(state.getResource(id));
}

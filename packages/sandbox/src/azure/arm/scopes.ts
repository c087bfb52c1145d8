import { normalizeScope, parseResourceId } from '../ids';
import { AzureState } from '../state/AzureState';
import { resourceGroupNotFound, resourceNotFound } from './armErrors';

/**
 * Throws the ARM 404 when a scope names something that does not exist, so
 * role assignments cannot be created on thin air. `/` and management groups
 * are accepted as they are.
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
  if (!resourceExists(state, s)) {
    resourceNotFound(
      `${parsed.type.split('/').slice(0, 2).join('/')}/${parsed.names.join(
        '/',
      )}`,
      parsed.resourceGroup,
    );
  }
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

/**
 * An ARM resource id taken apart: the resource, and the sub-resource a role may be scoped to.
 *
 * @public
 */
export interface ParsedResourceId {
  subscriptionId: string;
  resourceGroup: string;
  /** Provider namespace and top-level type, e.g. `Microsoft.Storage/storageAccounts`. */
  resourceType: string;
  resourceName: string;
  /** The top-level resource's id, without any sub-resource. */
  resourceId: string;
  /** Child segments below the resource, e.g. `blobServices/default/containers/invoices`. */
  childPath?: string;
}

const RESOURCE_ID =
  /^\/subscriptions\/([0-9a-fA-F-]{36})\/resourceGroups\/([-\w._()]{1,90})\/providers\/([A-Za-z][\w.]*)\/([A-Za-z]\w*)\/([^/]+)((?:\/[^/]+\/[^/]+)*)\/?$/i;

/**
 * Parses a resource id as ARM writes it, in any case: ARM compares ids case-insensitively and
 * answers some in its own spelling (user-assigned identities come back with `resourcegroups`). Returns undefined for anything else, so callers can
 * say what a valid id looks like instead of failing later at Azure.
 *
 * @public
 */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  const match = RESOURCE_ID.exec(id);
  if (!match) return undefined;
  const [, subscriptionId, resourceGroup, namespace, type, name, children] =
    match;
  const resourceType = `${namespace}/${type}`;
  const resourceId = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${resourceType}/${name}`;
  return {
    subscriptionId,
    resourceGroup,
    resourceType,
    resourceName: name,
    resourceId,
    childPath: children ? children.slice(1) : undefined,
  };
}

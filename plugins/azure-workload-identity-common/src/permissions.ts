import {
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';

/**
 * The resource type of a request for Azure access, for conditional decisions on what people may
 * do with a request that exists (revoke, cancel, retry). The plugin registers the rules
 * `isRequester` and `isComponentOwner` for it.
 *
 * @public
 */
export const RESOURCE_TYPE_AZURE_ACCESS_REQUEST = 'azure-workload-identity-request';

/**
 * Create a request for Azure access on behalf of a component. A permission on the component's
 * catalog entity (resource type `catalog-entity`), so a policy decides it with the catalog's own
 * conditions, e.g. `catalogConditions.isEntityOwner`: the plugin asks with the component's ref,
 * and the catalog evaluates the condition against the entity's owners. Planning asks the same.
 *
 * @public
 */
export const requestCreatePermission = createPermission({
  name: 'azure-workload-identity.request.create',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

/**
 * Approve or reject someone else's request. Granted to the platform team by the portal's
 * permission policy; the backend additionally refuses an approval by the requester.
 *
 * @public
 */
export const requestApprovePermission = createPermission({
  name: 'azure-workload-identity.request.approve',
  attributes: { action: 'update' },
});

/**
 * Read requests one did not make. Requesters always see their own; the policy decides who
 * else may (the portal's lets everyone, so teams can see what exists).
 *
 * @public
 */
export const requestReadPermission = createPermission({
  name: 'azure-workload-identity.request.read',
  attributes: { action: 'read' },
});

/**
 * Revoke an active identity chain (tears down role assignments and federation). A permission on
 * the request, so a policy can allow it conditionally: to the requester and the component's
 * owners (`isRequester`, `isComponentOwner`). The requester may always revoke their own.
 *
 * @public
 */
export const requestRevokePermission = createPermission({
  name: 'azure-workload-identity.request.revoke',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_AZURE_ACCESS_REQUEST,
});

/**
 * Cancel a request that has not started applying, or retry one that failed. Like revoking, a
 * permission on the request; the requester may always do both to their own.
 *
 * @public
 */
export const requestManagePermission = createPermission({
  name: 'azure-workload-identity.request.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_AZURE_ACCESS_REQUEST,
});

/**
 * Read the live chain and findings of a component.
 *
 * @public
 */
export const chainReadPermission = createPermission({
  name: 'azure-workload-identity.chain.read',
  attributes: { action: 'read' },
});

/**
 * Every permission of the plugin, for registration with the permissions registry.
 *
 * @public
 */
export const azureWorkloadIdentityPermissions: Permission[] = [
  requestCreatePermission,
  requestApprovePermission,
  requestReadPermission,
  requestRevokePermission,
  requestManagePermission,
  chainReadPermission,
];

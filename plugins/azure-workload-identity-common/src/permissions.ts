import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Create a request for Azure access on behalf of a component.
 *
 * @public
 */
export const requestCreatePermission = createPermission({
  name: 'azure-workload-identity.request.create',
  attributes: { action: 'create' },
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
 * Revoke an active identity chain (tears down role assignments and federation).
 *
 * @public
 */
export const requestRevokePermission = createPermission({
  name: 'azure-workload-identity.request.revoke',
  attributes: { action: 'delete' },
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
export const azureWorkloadIdentityPermissions = [
  requestCreatePermission,
  requestApprovePermission,
  requestReadPermission,
  requestRevokePermission,
  chainReadPermission,
];

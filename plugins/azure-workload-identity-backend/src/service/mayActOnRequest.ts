import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult, ResourcePermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_AZURE_ACCESS_REQUEST } from '@backstage-community/plugin-azure-workload-identity-common';
import { userOf } from './authorizeBasic';

/**
 * Whether a person may revoke, cancel or retry a request: its requester always may give back
 * or withdraw what they asked for; anyone else only as the permission policy decides on this
 * request (conditionally, e.g. the component's owners through `isComponentOwner`).
 */
export async function mayActOnRequest(options: {
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  permission: ResourcePermission<typeof RESOURCE_TYPE_AZURE_ACCESS_REQUEST>;
  request: { id: string; requestedBy: string };
}): Promise<boolean> {
  const { credentials, request } = options;
  if (userOf(credentials) === request.requestedBy) return true;
  const [decision] = await options.permissions.authorize(
    [{ permission: options.permission, resourceRef: request.id }],
    { credentials },
  );
  return decision.result === AuthorizeResult.ALLOW;
}

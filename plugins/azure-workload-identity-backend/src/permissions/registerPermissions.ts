import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import { isResourcePermission } from '@backstage/plugin-permission-common';
import { azureWorkloadIdentityPermissions } from '@backstage-community/plugin-azure-workload-identity-common';
import { RequestStore } from '../database/RequestStore';
import { ComponentDirectory } from '../ownership/ComponentDirectory';
import { accessRequestResources } from './accessRequestResources';
import { accessRequestResourceRef, accessRequestRules } from './requestRules';

/**
 * Registers the plugin's permissions, and requests as a resource type with their rules, so a
 * policy's conditional decision on a request (e.g. "its component's owners may revoke it") is
 * applied here, where the requests live.
 */
export function registerPermissions(options: {
  permissionsRegistry: PermissionsRegistryService;
  store: Pick<RequestStore, 'getRequest'>;
  components: ComponentDirectory;
}) {
  const { permissionsRegistry, store, components } = options;
  permissionsRegistry.addPermissions(azureWorkloadIdentityPermissions);
  permissionsRegistry.addResourceType({
    resourceRef: accessRequestResourceRef,
    permissions: azureWorkloadIdentityPermissions.filter(
      p =>
        isResourcePermission(p) &&
        p.resourceType === accessRequestResourceRef.resourceType,
    ),
    rules: Object.values(accessRequestRules),
    getResources: ids => accessRequestResources({ ids, store, components }),
  });
}

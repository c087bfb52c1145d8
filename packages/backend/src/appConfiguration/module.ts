import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  azureWorkloadIdentityHealthRulesExtensionPoint,
  azureWorkloadIdentityResourceTypesExtensionPoint,
} from '@backstage-community/plugin-azure-workload-identity-node';
import { appconfigLocalAuthEnabled } from './appconfigLocalAuthEnabled';
import { configurationStores } from './configurationStores';

/**
 * An adopter's module: Azure App Configuration as a resource type the request form offers and
 * the role compiler knows, and a health rule of its own about it. It uses only the
 * extension points of the -node package.
 */
export default createBackendModule({
  pluginId: 'azure-workload-identity',
  moduleId: 'app-configuration',
  register(env) {
    env.registerInit({
      deps: {
        resourceTypes: azureWorkloadIdentityResourceTypesExtensionPoint,
        healthRules: azureWorkloadIdentityHealthRulesExtensionPoint,
      },
      async init({ resourceTypes, healthRules }) {
        resourceTypes.addResourceTypes(configurationStores);
        healthRules.addHealthRules(appconfigLocalAuthEnabled);
      },
    });
  },
});

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createRequestAccessAction } from './actions/requestAccess';
import { createRevokeAccessAction } from './actions/revokeAccess';
import { AzureWorkloadIdentityApiClient } from './client/AzureWorkloadIdentityApiClient';
import { readModuleSettings } from './config/readModuleSettings';

/**
 * Adds the Azure Workload Identity actions to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleAzureWorkloadIdentity = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'azure-workload-identity',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, auth, discovery, config }) {
        const api = new AzureWorkloadIdentityApiClient({ discovery });
        const settings = readModuleSettings(config);
        scaffolder.addActions(
          createRequestAccessAction({ api, auth, settings }),
          createRevokeAccessAction({ api, auth, settings }),
        );
      },
    });
  },
});

import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createRequestAccessAction } from './actions/requestAccess';

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
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(createRequestAccessAction());
      },
    });
  },
});

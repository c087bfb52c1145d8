import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
  azureWorkloadIdentityPermissions,
} from '@internal/plugin-azure-workload-identity-common';
import { readConfig } from './config/readConfig';
import { migrateDatabase } from './database/migrateDatabase';
import { createRouter } from './service/createRouter';

/**
 * The composition root of the backend plugin: every collaborator is built here once.
 *
 * @public
 */
export const azureWorkloadIdentityPlugin = createBackendPlugin({
  pluginId: AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        config,
        logger,
        database,
        httpRouter,
        permissionsRegistry,
      }) {
        const pluginConfig = readConfig(config);
        logger.info(
          `Azure Resource Manager at ${pluginConfig.azure.resourceManagerEndpoint}, approvals by ${pluginConfig.approvals.approverGroup}`,
        );

        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await migrateDatabase(knex);
        }

        permissionsRegistry.addPermissions(azureWorkloadIdentityPermissions);

        httpRouter.use(await createRouter({ logger }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});

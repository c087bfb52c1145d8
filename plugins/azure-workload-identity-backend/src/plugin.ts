import {
  coreServices,
  createBackendPlugin,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
  azureWorkloadIdentityPermissions,
} from '@internal/plugin-azure-workload-identity-common';
import { PreflightReader } from './clients/PreflightReader';
import { UnconfiguredPreflightReader } from './clients/UnconfiguredPreflightReader';
import {
  createLivePreflightReader,
  livePreflightMissing,
} from './clients/createLivePreflightReader';
import { AzureWorkloadIdentityConfig, readConfig } from './config/readConfig';
import { KnexRequestStore } from './database/KnexRequestStore';
import { migrateDatabase } from './database/migrateDatabase';
import { Planner } from './planning/Planner';
import { AccessRequestService } from './requests/AccessRequestService';
import { createRouter } from './service/createRouter';

/** @public */
export interface AzureWorkloadIdentityPluginOptions {
  /**
   * Reads live Azure and Kubernetes state for planning. By default the SDK-backed reader when
   * `azureWorkloadIdentity.azure.tenantId` and `azureWorkloadIdentity.clusters` are configured,
   * else one that refuses every plan with a 503 rather than plan from guesses.
   */
  preflight?: PreflightReader;
}

/**
 * Builds the backend plugin. The composition root: every collaborator is built here once, and
 * what talks to the outside world can be injected, which is how the API tests run against an
 * in-memory world.
 *
 * @public
 */
export function createAzureWorkloadIdentityPlugin(
  options: AzureWorkloadIdentityPluginOptions = {},
) {
  return createBackendPlugin({
    pluginId: AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
    register(env) {
      env.registerInit({
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          database: coreServices.database,
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          auditor: coreServices.auditor,
          permissionsRegistry: coreServices.permissionsRegistry,
        },
        async init({
          config,
          logger,
          database,
          httpRouter,
          httpAuth,
          auditor,
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

          const planner = new Planner({
            preflight:
              options.preflight ?? defaultPreflight(pluginConfig, logger),
            identityPlacement: pluginConfig.azure.identities,
            tenantId: pluginConfig.azure.tenantId,
          });
          const requests = new AccessRequestService({
            planner,
            store: new KnexRequestStore({ knex }),
          });

          httpRouter.use(
            await createRouter({ logger, httpAuth, auditor, requests }),
          );
          httpRouter.addAuthPolicy({
            path: '/health',
            allow: 'unauthenticated',
          });
        },
      });
    },
  });
}

/**
 * Live pre-flight once a tenant and at least one cluster are configured; until then plans are
 * refused with 503 rather than made from guesses.
 */
function defaultPreflight(
  config: AzureWorkloadIdentityConfig,
  logger: LoggerService,
): PreflightReader {
  const missing = livePreflightMissing(config);
  if (missing) {
    logger.warn(
      `Live pre-flight is not configured (${missing}): plans and new requests are refused with 503`,
    );
    return new UnconfiguredPreflightReader();
  }
  logger.info(
    `Live pre-flight reads clusters ${config.clusters
      .map(c => c.name)
      .join(', ')}`,
  );
  return createLivePreflightReader({ config });
}

/**
 * The backend plugin with its defaults.
 *
 * @public
 */
export const azureWorkloadIdentityPlugin = createAzureWorkloadIdentityPlugin();

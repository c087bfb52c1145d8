import { notificationService } from '@backstage/plugin-notifications-node';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { AZURE_WORKLOAD_IDENTITY_PLUGIN_ID } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  azureWorkloadIdentityApprovalPolicyExtensionPoint,
  azureWorkloadIdentityClusterCredentialsExtensionPoint,
  azureWorkloadIdentityHealthRulesExtensionPoint,
  azureWorkloadIdentityResourceTypesExtensionPoint,
} from '@backstage-community/plugin-azure-workload-identity-node';
import { PreflightReader } from './clients/PreflightReader';
import { ProvisioningClients } from './clients/ProvisioningClients';
import { RequestChoicesReader } from './clients/RequestChoicesReader';
import { readConfig } from './config/readConfig';
import { readGuardrailConfig } from './config/readGuardrailConfig';
import { readInspectionConfig } from './config/readInspectionConfig';
import { KnexApplyStore } from './database/KnexApplyStore';
import { KnexRequestStore } from './database/KnexRequestStore';
import { migrateDatabase } from './database/migrateDatabase';
import { PluginExtensions } from './extensions/PluginExtensions';
import { registerBuiltins } from './extensions/registerBuiltins';
import { guardrailExpectations } from './guardrails/inspectedGuardrails';
import { ChainInspector } from './inspection/live/ChainService';
import { CatalogComponentDirectory } from './ownership/CatalogComponentDirectory';
import { registerPermissions } from './permissions/registerPermissions';
import { ProvisioningTimings } from './provisioning/steps/StepContext';
import { SelfCheck } from './selfCheck/RecentSelfCheck';
import { createRouter } from './service/createRouter';
import { createLiveConnections } from './wiring/createLiveConnections';
import { createServices } from './wiring/createServices';
import { scheduleTasks } from './wiring/scheduleTasks';

/** @public */
export interface AzureWorkloadIdentityPluginOptions {
  /**
   * Reads live Azure and Kubernetes state for planning. By default the SDK-backed reader when
   * `azureWorkloadIdentity.azure.tenantId` and `azureWorkloadIdentity.clusters` are configured,
   * else one that refuses every plan with a 503 rather than plan from guesses.
   */
  preflight?: PreflightReader;
  /**
   * What the request form offers: namespaces and Azure resources. By default read live when
   * pre-flight is configured; without it those routes answer 503.
   */
  choices?: RequestChoicesReader;
  /**
   * What the provisioner writes with. By default the SDK-backed clients when live pre-flight
   * is configured; without either, approved requests wait unapplied.
   */
  provisioning?: ProvisioningClients;
  /**
   * Reads components' chains for the identity card. By default the SDK-backed inspector when
   * live pre-flight is configured; without it `GET /chain` answers 503.
   */
  inspector?: ChainInspector;
  /**
   * The portal's check of its own rights. By default on the SDKs when live pre-flight is
   * configured; without it `GET /self-check` answers 503.
   */
  selfChecker?: SelfCheck;
  /** Deadlines and backoff of the provisioner; tests shorten them. */
  provisioningTimings?: Partial<ProvisioningTimings>;
}

/**
 * Builds the backend plugin. The composition root: it offers the extension points, adds its
 * own resource types, rules, approval policy and cluster credentials through them, and builds
 * every collaborator once. What talks to the outside world can be injected, which is how the
 * API tests run against an in-memory world.
 *
 * @public
 */
export function createAzureWorkloadIdentityPlugin(
  options: AzureWorkloadIdentityPluginOptions = {},
) {
  return createBackendPlugin({
    pluginId: AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
    register(env) {
      const extensions = new PluginExtensions();
      registerBuiltins(extensions);
      env.registerExtensionPoint(
        azureWorkloadIdentityResourceTypesExtensionPoint,
        extensions.resourceTypes,
      );
      env.registerExtensionPoint(
        azureWorkloadIdentityHealthRulesExtensionPoint,
        extensions.healthRules,
      );
      env.registerExtensionPoint(
        azureWorkloadIdentityApprovalPolicyExtensionPoint,
        extensions.approvalPolicies,
      );
      env.registerExtensionPoint(
        azureWorkloadIdentityClusterCredentialsExtensionPoint,
        extensions.clusterCredentials,
      );

      env.registerInit({
        deps: {
          rootConfig: coreServices.rootConfig,
          logger: coreServices.logger,
          database: coreServices.database,
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          permissions: coreServices.permissions,
          scheduler: coreServices.scheduler,
          lifecycle: coreServices.rootLifecycle,
          auditor: coreServices.auditor,
          notifications: notificationService,
          permissionsRegistry: coreServices.permissionsRegistry,
          cache: coreServices.cache,
          catalog: catalogServiceRef,
          auth: coreServices.auth,
        },
        async init(deps) {
          const { rootConfig, logger, database, catalog, auth } = deps;
          // Modules have added what they add by now: their inits run before the plugin's.
          const registered = extensions.seal();
          const config = readConfig(rootConfig, {
            clusterCredentials: registered.clusterCredentials,
          });
          const inspection = readInspectionConfig(rootConfig);
          logger.info(
            `Azure Resource Manager at ${config.azure.resourceManagerEndpoint}, approvals by ${config.approvals.approverGroup}`,
          );

          const knex = await database.getClient();
          if (!database.migrations?.skip) {
            await migrateDatabase(knex);
          }
          const store = new KnexRequestStore({ knex });
          const components = new CatalogComponentDirectory({ catalog, auth });
          registerPermissions({
            permissionsRegistry: deps.permissionsRegistry,
            store,
            components,
          });

          const defaults = createLiveConnections({
            config,
            logger,
            store,
            inspection,
            resourceTypes: registered.resourceTypes,
            guardrails: guardrailExpectations({
              clusters: config.clusters,
              settingsOf: readGuardrailConfig(rootConfig),
              stores: {
                requests: store,
                applied: new KnexApplyStore({ knex }),
              },
              backendBaseUrl: rootConfig.getOptionalString('backend.baseUrl'),
            }),
          });
          const live = {
            preflight: options.preflight ?? defaults.preflight,
            choices: options.choices ?? defaults.choices,
            provisioning: options.provisioning ?? defaults.provisioning,
            inspector: options.inspector ?? defaults.inspector,
            selfChecker: options.selfChecker ?? defaults.selfChecker,
          };
          const services = createServices({
            ...deps,
            config,
            inspection,
            extensions: registered,
            live,
            knex,
            store,
            components,
            provisioningTimings: options.provisioningTimings,
          });
          await scheduleTasks({
            ...deps,
            ...services,
            store,
            scanIntervalMinutes: inspection.scanIntervalMinutes,
          });

          deps.httpRouter.use(
            await createRouter({
              ...deps,
              ...services,
              approverGroup: config.approvals.approverGroup,
              clusters: config.clusters,
              resourceTypes: registered.resourceTypes,
              choices: live.choices,
              selfChecker: live.selfChecker,
            }),
          );
          deps.httpRouter.addAuthPolicy({
            path: '/health',
            allow: 'unauthenticated',
          });
        },
      });
    },
  });
}

/**
 * The backend plugin with its defaults.
 *
 * @public
 */
export const azureWorkloadIdentityPlugin = createAzureWorkloadIdentityPlugin();

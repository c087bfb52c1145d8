import { notificationService } from '@backstage/plugin-notifications-node';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { AZURE_WORKLOAD_IDENTITY_PLUGIN_ID } from '@backstage-community/plugin-azure-workload-identity-common';
import { PreflightReader } from './clients/PreflightReader';
import { ProvisioningClients } from './clients/ProvisioningClients';
import {
  createLiveRequestChoicesReader,
  livePreflightMissing,
} from './clients/createLivePreflightReader';
import { RequestChoicesReader } from './clients/RequestChoicesReader';
import { readConfig } from './config/readConfig';
import { KnexApplyStore } from './database/KnexApplyStore';
import { KnexIdentityLocks } from './database/KnexIdentityLocks';
import { KnexRequestStore } from './database/KnexRequestStore';
import { migrateDatabase } from './database/migrateDatabase';
import { Planner } from './planning/Planner';
import { systemClock } from './provisioning/retry';
import { ProvisioningTimings } from './provisioning/steps/StepContext';
import { remindExpiring } from './lifecycle/remindExpiring';
import { revokeExpired } from './lifecycle/revokeExpired';
import { BackstageRequestNotifier } from './notifications/BackstageRequestNotifier';
import { Revoker } from './lifecycle/Revoker';
import { AccessRequestService } from './requests/AccessRequestService';
import { RequestDecisions } from './requests/RequestDecisions';
import { createRouter } from './service/createRouter';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { HEALTH_RULES } from './rules';
import { readInspectionConfig } from './config/readInspectionConfig';
import { ChainService } from './inspection/live/ChainService';
import { LiveInspector } from './inspection/live/LiveInspector';
import { ChainRereads } from './inspection/live/ChainRereads';
import { rereadComponent } from './inspection/live/rereadComponent';
import { scanFleet } from './inspection/live/scanFleet';
import { RecentSelfCheck, SelfCheck } from './selfCheck/RecentSelfCheck';
import { ChainForgettingNotifier } from './notifications/ChainForgettingNotifier';
import { createSelfChecker } from './selfCheck/createSelfChecker';
import { CatalogComponentDirectory } from './ownership/CatalogComponentDirectory';
import { requestsOfIdentity } from './database/requestsOfIdentity';
import { registerPermissions } from './permissions/registerPermissions';
import {
  createProvisioner,
  defaultInspector,
  defaultPreflight,
  defaultProvisioning,
} from './liveDefaults';

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
  inspector?: Pick<LiveInspector, 'inspect'>;
  /**
   * The portal's check of its own rights. By default on the SDKs when live pre-flight is
   * configured; without it `GET /self-check` answers 503.
   */
  selfChecker?: SelfCheck;
  /** Deadlines and backoff of the provisioner; tests shorten them. */
  provisioningTimings?: Partial<ProvisioningTimings>;
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
        async init({
          config,
          logger,
          database,
          httpRouter,
          httpAuth,
          permissions,
          scheduler,
          lifecycle,
          auditor,
          permissionsRegistry,
          cache,
          catalog,
          auth,
          notifications,
        }) {
          const pluginConfig = readConfig(config);
          logger.info(
            `Azure Resource Manager at ${pluginConfig.azure.resourceManagerEndpoint}, approvals by ${pluginConfig.approvals.approverGroup}`,
          );

          const knex = await database.getClient();
          if (!database.migrations?.skip) {
            await migrateDatabase(knex);
          }

          const store = new KnexRequestStore({ knex });
          const components = new CatalogComponentDirectory({ catalog, auth });
          registerPermissions({ permissionsRegistry, store, components });
          const planner = new Planner({
            preflight:
              options.preflight ?? defaultPreflight(pluginConfig, logger),
            identityPlacement: pluginConfig.azure.identities,
            tenantId: pluginConfig.azure.tenantId,
            components,
            identityUses: identityId => requestsOfIdentity(store, identityId),
            otherOwners: pluginConfig.approvals.otherOwners,
          });
          const inspectionConfig = readInspectionConfig(config);
          const inspector =
            options.inspector ??
            defaultInspector(pluginConfig, store, inspectionConfig);
          const chains =
            inspector &&
            new ChainService({
              inspector,
              cache,
              rules: HEALTH_RULES,
              config: inspectionConfig.healthRules,
              ttlMs: inspectionConfig.cacheTtlMs,
              refreshThrottleMs: inspectionConfig.refreshThrottleMs,
            });

          const rereads =
            chains &&
            new ChainRereads(entityRef =>
              rereadComponent({
                entityRef,
                catalog,
                credentials: () => auth.getOwnServiceCredentials(),
                chains,
                logger,
              }),
            );
          if (rereads) lifecycle.addShutdownHook(() => rereads.settled());
          const notifier = new ChainForgettingNotifier({
            notifier: new BackstageRequestNotifier({
              notifications,
              logger,
              approverGroup: pluginConfig.approvals.approverGroup,
            }),
            forget: async entityRef => {
              if (!chains || !rereads) return;
              await chains.forget(entityRef);
              rereads.request(entityRef);
            },
          });
          const clients =
            options.provisioning ?? defaultProvisioning(pluginConfig, logger);
          const provisioner = createProvisioner({
            knex,
            logger,
            clients,
            replan: spec => planner.plan(spec),
            notifier,
            tenantId: pluginConfig.azure.tenantId,
            timings: options.provisioningTimings,
          });
          const startApply = provisioner
            ? (id: string) => {
                provisioner
                  .apply(id)
                  .catch(error =>
                    logger.error(`Applying request ${id} failed`, error),
                  );
              }
            : undefined;
          const requests = new AccessRequestService({
            planner,
            store,
            startApply,
            notifier,
          });
          const revoker =
            clients &&
            new Revoker({
              store,
              applied: new KnexApplyStore({ knex }),
              azure: clients.azure,
              serviceAccountTeardownFor: cluster =>
                clients.serviceAccountWriterFor(cluster),
              locks: new KnexIdentityLocks({ knex }),
              clock: systemClock,
              logger,
              timings: options.provisioningTimings,
              notifier,
            });
          const decisions = new RequestDecisions({
            store,
            planner,
            startApply,
            notifier,
          });

          if (provisioner) {
            // Picks up what no replica is applying: approved while provisioning was down, or
            // left half-done by a replica that died. Local scope: every replica sweeps, and the
            // leases decide who applies what.
            await scheduler.scheduleTask({
              id: 'azure-workload-identity-apply-pending',
              frequency: { seconds: 15 },
              timeout: { minutes: 30 },
              initialDelay: { seconds: 1 },
              scope: 'local',
              fn: async () => {
                await provisioner.applyPending();
              },
            });
            lifecycle.addShutdownHook(() => provisioner.stop());
          }
          if (revoker) {
            // Global scope: one replica at a time revokes what has expired.
            await scheduler.scheduleTask({
              id: 'azure-workload-identity-revoke-expired',
              frequency: { minutes: 5 },
              timeout: { minutes: 10 },
              initialDelay: { seconds: 30 },
              scope: 'global',
              fn: async () => {
                await remindExpiring({ store, notifier, logger });
                await revokeExpired({ store, revoker, logger });
              },
            });
          }

          if (chains) {
            // Global scope: one replica scans the fleet per interval; all serve the cache.
            await scheduler.scheduleTask({
              id: 'azure-workload-identity-fleet-scan',
              frequency: { minutes: inspectionConfig.scanIntervalMinutes },
              timeout: { minutes: 30 },
              initialDelay: { seconds: 15 },
              scope: 'global',
              fn: async () => {
                logger.info('Fleet scan started');
                const { scanned, failed } = await scanFleet({
                  catalog,
                  credentials: await auth.getOwnServiceCredentials(),
                  chains,
                  logger,
                });
                logger.info(
                  `Fleet scan read ${scanned} components' chains${
                    failed ? `, ${failed} failed` : ''
                  }`,
                );
              },
            });
          }

          httpRouter.use(
            await createRouter({
              logger,
              httpAuth,
              auditor,
              permissions,
              requests,
              decisions,
              revoker,
              approverGroup: pluginConfig.approvals.approverGroup,
              clusters: pluginConfig.clusters,
              choices:
                options.choices ??
                (livePreflightMissing(pluginConfig)
                  ? undefined
                  : createLiveRequestChoicesReader({ config: pluginConfig })),
              catalog,
              auth,
              chains,
              selfChecker:
                options.selfChecker ??
                (livePreflightMissing(pluginConfig)
                  ? undefined
                  : new RecentSelfCheck({
                      checker: createSelfChecker({ config: pluginConfig }),
                      maxAgeMs: 60_000,
                    })),
            }),
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
 * The backend plugin with its defaults.
 *
 * @public
 */
export const azureWorkloadIdentityPlugin = createAzureWorkloadIdentityPlugin();

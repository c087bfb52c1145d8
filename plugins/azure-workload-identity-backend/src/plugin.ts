import { notificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import {
  coreServices,
  createBackendPlugin,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
  azureWorkloadIdentityPermissions,
} from '@internal/plugin-azure-workload-identity-common';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { PreflightReader } from './clients/PreflightReader';
import { ProvisioningClients } from './clients/ProvisioningClients';
import { createProvisioningClients } from './clients/createProvisioningClients';
import { UnconfiguredPreflightReader } from './clients/UnconfiguredPreflightReader';
import {
  createLivePreflightReader,
  createLiveRequestChoicesReader,
  livePreflightMissing,
} from './clients/createLivePreflightReader';
import { RequestChoicesReader } from './clients/RequestChoicesReader';
import { AzureWorkloadIdentityConfig, readConfig } from './config/readConfig';
import { KnexApplyStore } from './database/KnexApplyStore';
import { KnexIdentityLocks } from './database/KnexIdentityLocks';
import { KnexRequestStore } from './database/KnexRequestStore';
import { migrateDatabase } from './database/migrateDatabase';
import { Planner } from './planning/Planner';
import { Provisioner, ProvisionerOptions } from './provisioning/Provisioner';
import { systemClock } from './provisioning/retry';
import { ProvisioningTimings } from './provisioning/steps/StepContext';
import { remindExpiring } from './lifecycle/remindExpiring';
import { revokeExpired } from './lifecycle/revokeExpired';
import { BackstageRequestNotifier } from './notifications/BackstageRequestNotifier';
import { RequestNotifier } from './notifications/RequestNotifier';
import { Revoker } from './lifecycle/Revoker';
import { AccessRequestService } from './requests/AccessRequestService';
import { RequestDecisions } from './requests/RequestDecisions';
import { createRouter } from './service/createRouter';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { HEALTH_RULES } from './rules';
import { readInspectionConfig } from './config/readInspectionConfig';
import { ChainService } from './inspection/live/ChainService';
import { createLiveInspector } from './inspection/live/createLiveInspector';
import { LiveInspector } from './inspection/live/LiveInspector';
import { requestFactsOf } from './inspection/live/requestFactsOf';
import { ChainRereads } from './inspection/live/ChainRereads';
import { rereadComponent } from './inspection/live/rereadComponent';
import { scanFleet } from './inspection/live/scanFleet';
import { RequestStore } from './database/RequestStore';
import { RecentSelfCheck, SelfCheck } from './selfCheck/RecentSelfCheck';
import { ChainForgettingNotifier } from './notifications/ChainForgettingNotifier';
import { createSelfChecker } from './selfCheck/createSelfChecker';
import { CatalogComponentDirectory } from './ownership/CatalogComponentDirectory';
import { requestsOfIdentity } from './database/requestsOfIdentity';
import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  accessRequestResourceRef,
  accessRequestRules,
} from './permissions/requestRules';
import { accessRequestResources } from './permissions/accessRequestResources';

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

          permissionsRegistry.addPermissions(azureWorkloadIdentityPermissions);

          const store = new KnexRequestStore({ knex });
          const components = new CatalogComponentDirectory({ catalog, auth });
          permissionsRegistry.addResourceType({
            resourceRef: accessRequestResourceRef,
            permissions: azureWorkloadIdentityPermissions.filter(
              p =>
                isResourcePermission(p) &&
                p.resourceType === accessRequestResourceRef.resourceType,
            ),
            rules: Object.values(accessRequestRules),
            getResources: ids =>
              accessRequestResources({ ids, store, components }),
          });
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

function createProvisioner(options: {
  knex: Knex;
  logger: LoggerService;
  clients?: ProvisioningClients;
  replan: ProvisionerOptions['replan'];
  notifier: RequestNotifier;
  tenantId?: string;
  timings?: Partial<ProvisioningTimings>;
}): Provisioner | undefined {
  const { knex, logger, clients } = options;
  if (!clients) return undefined;
  return new Provisioner({
    store: new KnexApplyStore({ knex }),
    ports: {
      ...clients,
      locks: new KnexIdentityLocks({ knex }),
      clock: systemClock,
      tenantId: options.tenantId,
    },
    logger,
    // Unique per process, so a restarted replica does not mistake its predecessor's leases
    // for its own.
    owner: `${os.hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`,
    timings: options.timings,
    replan: options.replan,
    notifier: options.notifier,
  });
}

/**
 * SDK-backed provisioning once live pre-flight is configured; otherwise approved requests
 * wait, and the log says why.
 */
function defaultProvisioning(
  config: AzureWorkloadIdentityConfig,
  logger: LoggerService,
): ProvisioningClients | undefined {
  const missing = livePreflightMissing(config);
  if (missing) {
    logger.warn(
      `Provisioning is not configured (${missing}): approved requests wait until it is`,
    );
    return undefined;
  }
  return createProvisioningClients({ config });
}

/**
 * The backend plugin with its defaults.
 *
 * @public
 */
export const azureWorkloadIdentityPlugin = createAzureWorkloadIdentityPlugin();

/** The live inspector once live reads are configured; until then `GET /chain` answers 503. */
function defaultInspector(
  config: AzureWorkloadIdentityConfig,
  store: RequestStore,
  inspection: ReturnType<typeof readInspectionConfig>,
): LiveInspector | undefined {
  if (livePreflightMissing(config)) return undefined;
  return createLiveInspector({
    config,
    requestsOf: async entityRef => {
      const page = await store.listRequests({ entityRef, limit: 100 });
      const requests = await Promise.all(
        page.items.map(item => store.getRequest({ id: item.id })),
      );
      return requests.flatMap(r => {
        const facts = r && requestFactsOf(r);
        return facts ? [facts] : [];
      });
    },
    requestsOfIdentity: identityId => requestsOfIdentity(store, identityId),
    issuerHistory: async () => inspection.issuerHistory,
    scanProbeIntervalMs: inspection.scanProbeIntervalMs,
    inspectSecrets: inspection.healthRules.inspectSecrets,
  });
}

import {
  AuthService,
  CacheService,
  LoggerService,
  RootLifecycleService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Config } from '@backstage/config';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { InspectionConfig } from '../config/readInspectionConfig';
import { AzureWorkloadIdentityConfig } from '../config/readConfig';
import { KnexApplyStore } from '../database/KnexApplyStore';
import { KnexIdentityLocks } from '../database/KnexIdentityLocks';
import { RequestStore } from '../database/RequestStore';
import { requestsOfIdentity } from '../database/requestsOfIdentity';
import { RegisteredExtensions } from '../extensions/PluginExtensions';
import { createGuardrailSync } from '../guardrails/createGuardrailSync';
import { ChainRereads } from '../inspection/live/ChainRereads';
import { ChainService } from '../inspection/live/ChainService';
import { rereadComponent } from '../inspection/live/rereadComponent';
import { Revoker } from '../lifecycle/Revoker';
import { BackstageRequestNotifier } from '../notifications/BackstageRequestNotifier';
import { ChainForgettingNotifier } from '../notifications/ChainForgettingNotifier';
import { ComponentDirectory } from '../ownership/ComponentDirectory';
import { Planner } from '../planning/Planner';
import { DriftCheck } from '../provisioning/checkDrift';
import { Provisioner } from '../provisioning/Provisioner';
import { systemClock } from '../provisioning/retry';
import { ProvisioningTimings } from '../provisioning/steps/StepContext';
import { AccessRequestService } from '../requests/AccessRequestService';
import { RequestDecisions } from '../requests/RequestDecisions';
import { LiveConnections } from './createLiveConnections';

/**
 * The plugin's services, each built once on the live connections and what modules added:
 * the planner, the chains and their re-reads, the provisioner and the revoker, and the
 * request and decision services the routes call.
 */
export function createServices(options: {
  config: AzureWorkloadIdentityConfig;
  rootConfig: Config;
  inspection: InspectionConfig;
  extensions: RegisteredExtensions;
  live: LiveConnections;
  knex: Knex;
  store: RequestStore;
  components: ComponentDirectory;
  logger: LoggerService;
  cache: CacheService;
  catalog: CatalogService;
  auth: AuthService;
  notifications: NotificationService;
  lifecycle: RootLifecycleService;
  provisioningTimings?: Partial<ProvisioningTimings>;
}) {
  const { config, extensions, live, knex, store, logger } = options;
  const planner = new Planner({
    preflight: live.preflight,
    identityPlacement: config.azure.identities,
    tenantId: config.azure.tenantId,
    components: options.components,
    identityUses: identityId => requestsOfIdentity(store, identityId),
    otherOwners: config.approvals.otherOwners,
    approvalPolicies: extensions.approvalPolicies,
    resourceTypes: extensions.resourceTypes,
  });
  const chains =
    live.inspector &&
    new ChainService({
      inspector: live.inspector,
      cache: options.cache,
      rules: extensions.healthRules,
      resourceTypes: extensions.resourceTypes,
      config: options.inspection.healthRules,
      ttlMs: options.inspection.cacheTtlMs,
      refreshThrottleMs: options.inspection.refreshThrottleMs,
    });
  const rereads =
    chains &&
    new ChainRereads(entityRef =>
      rereadComponent({
        entityRef,
        catalog: options.catalog,
        credentials: () => options.auth.getOwnServiceCredentials(),
        chains,
        logger,
      }),
    );
  if (rereads) options.lifecycle.addShutdownHook(() => rereads.settled());
  const notifier = new ChainForgettingNotifier({
    notifier: new BackstageRequestNotifier({
      notifications: options.notifications,
      logger,
      approverGroup: config.approvals.approverGroup,
    }),
    forget: async entityRef => {
      if (!chains || !rereads) return;
      await chains.forget(entityRef);
      rereads.request(entityRef);
    },
  });
  // One drift check for approval and apply: an apply right after an approval reads nothing again.
  const driftCheck = new DriftCheck({ replan: spec => planner.plan(spec) });
  const clients = live.provisioning;
  const locks = new KnexIdentityLocks({ knex });
  const applied = new KnexApplyStore({ knex });
  // Built without provisioning too: GET /guardrails/:cluster hands out manifests from the stores.
  const guardrails = createGuardrailSync({
    config,
    rootConfig: options.rootConfig,
    stores: { requests: store, applied },
    logger,
  });
  const provisioner =
    clients &&
    new Provisioner({
      store: applied,
      ports: {
        ...clients,
        locks,
        clock: systemClock,
        tenantId: config.azure.tenantId,
        guardrails,
      },
      logger,
      // Unique per process, so a restarted replica does not mistake its predecessor's
      // leases for its own.
      owner: `${os.hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`,
      timings: options.provisioningTimings,
      driftCheck,
      notifier,
    });
  const startApply =
    provisioner &&
    ((id: string) => {
      provisioner
        .apply(id)
        .catch(error => logger.error(`Applying request ${id} failed`, error));
    });
  const revoker =
    clients &&
    new Revoker({
      store,
      applied,
      azure: clients.azure,
      serviceAccountTeardownFor: cluster =>
        clients.serviceAccountWriterFor(cluster),
      locks,
      clock: systemClock,
      logger,
      timings: options.provisioningTimings,
      notifier,
      guardrails,
    });
  return {
    guardrails,
    chains,
    notifier,
    provisioner,
    revoker,
    requests: new AccessRequestService({
      planner,
      store,
      startApply,
      notifier,
    }),
    decisions: new RequestDecisions({
      store,
      planner,
      driftCheck,
      startApply,
      notifier,
    }),
  };
}

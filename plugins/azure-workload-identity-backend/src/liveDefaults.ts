import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { PreflightReader } from './clients/PreflightReader';
import { ProvisioningClients } from './clients/ProvisioningClients';
import { createProvisioningClients } from './clients/createProvisioningClients';
import { UnconfiguredPreflightReader } from './clients/UnconfiguredPreflightReader';
import {
  createLivePreflightReader,
  livePreflightMissing,
} from './clients/createLivePreflightReader';
import { AzureWorkloadIdentityConfig } from './config/readConfig';
import { readInspectionConfig } from './config/readInspectionConfig';
import { KnexApplyStore } from './database/KnexApplyStore';
import { KnexIdentityLocks } from './database/KnexIdentityLocks';
import { RequestStore } from './database/RequestStore';
import { requestsOfIdentity } from './database/requestsOfIdentity';
import { createLiveInspector } from './inspection/live/createLiveInspector';
import { LiveInspector } from './inspection/live/LiveInspector';
import { requestFactsOf } from './inspection/live/requestFactsOf';
import { RequestNotifier } from './notifications/RequestNotifier';
import { Provisioner, ProvisionerOptions } from './provisioning/Provisioner';
import { systemClock } from './provisioning/retry';
import { ProvisioningTimings } from './provisioning/steps/StepContext';

// What the plugin talks to the outside world with when nothing is injected: the SDK-backed
// implementations once live reads are configured, and a clear refusal until then.

/**
 * Live pre-flight once a tenant and at least one cluster are configured; until then plans are
 * refused with 503 rather than made from guesses.
 */
export function defaultPreflight(
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

export function createProvisioner(options: {
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
export function defaultProvisioning(
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

/** The live inspector once live reads are configured; until then `GET /chain` answers 503. */
export function defaultInspector(
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

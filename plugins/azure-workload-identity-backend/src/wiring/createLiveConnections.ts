import { LoggerService } from '@backstage/backend-plugin-api';
import { ResourceTypeSpec } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  createLivePreflightReader,
  createLiveRequestChoicesReader,
  livePreflightMissing,
} from '../clients/createLivePreflightReader';
import { createProvisioningClients } from '../clients/createProvisioningClients';
import { PreflightReader } from '../clients/PreflightReader';
import { ProvisioningClients } from '../clients/ProvisioningClients';
import { RequestChoicesReader } from '../clients/RequestChoicesReader';
import { UnconfiguredPreflightReader } from '../clients/UnconfiguredPreflightReader';
import { InspectionConfig } from '../config/readInspectionConfig';
import { AzureWorkloadIdentityConfig } from '../config/readConfig';
import { RequestStore } from '../database/RequestStore';
import { GuardrailExpectations } from '../guardrails/inspectedGuardrails';
import { requestsOfIdentity } from '../database/requestsOfIdentity';
import { ChainInspector } from '../inspection/live/ChainService';
import { createLiveInspector } from '../inspection/live/createLiveInspector';
import { requestFactsOf } from '../inspection/live/requestFactsOf';
import { createSelfChecker } from '../selfCheck/createSelfChecker';
import { RecentSelfCheck, SelfCheck } from '../selfCheck/RecentSelfCheck';

/**
 * What the plugin talks to Azure and the clusters with. Everything but pre-flight is absent
 * until live reads are configured; pre-flight then refuses plans with a 503 rather than plan
 * from guesses.
 */
export interface LiveConnections {
  preflight: PreflightReader;
  /** What the request form offers; absent, those routes answer 503. */
  choices?: RequestChoicesReader;
  /** What the provisioner writes with; absent, approved requests wait unapplied. */
  provisioning?: ProvisioningClients;
  /** Reads components' chains; absent, `GET /chain` answers 503. */
  inspector?: ChainInspector;
  /** The portal's check of its own rights; absent, `GET /self-check` answers 503. */
  selfChecker?: SelfCheck;
}

/**
 * Builds every live connection once, from one decision: live reads are configured (a tenant
 * and at least one cluster) or they are not, and the log says which and why. The SDK clients
 * and credentials underneath are shared (see armClientsFromConfig).
 */
export function createLiveConnections(options: {
  config: AzureWorkloadIdentityConfig;
  logger: LoggerService;
  store: RequestStore;
  inspection: InspectionConfig;
  resourceTypes: readonly ResourceTypeSpec[];
  /** The guardrail settings and grants the chains compare each cluster's guardrails with. */
  guardrails?: GuardrailExpectations;
}): LiveConnections {
  const { config, logger, store, inspection } = options;
  const missing = livePreflightMissing(config);
  if (missing) {
    logger.warn(
      `Live reads are not configured (${missing}): plans and new requests are refused with 503, approved requests wait until provisioning is configured, and the chain, self-check and request form's live routes answer 503`,
    );
    return { preflight: new UnconfiguredPreflightReader() };
  }
  logger.info(
    `Live pre-flight reads clusters ${config.clusters
      .map(c => c.name)
      .join(', ')}`,
  );
  return {
    preflight: createLivePreflightReader({ config }),
    choices: createLiveRequestChoicesReader({
      config,
      resourceTypes: options.resourceTypes,
    }),
    provisioning: createProvisioningClients({ config }),
    inspector: createLiveInspector({
      config,
      requestsOf: entityRef => requestFactsOfComponent(store, entityRef),
      requestsOfIdentity: identityId => requestsOfIdentity(store, identityId),
      issuerHistory: async () => inspection.issuerHistory,
      scanProbeIntervalMs: inspection.scanProbeIntervalMs,
      inspectSecrets: inspection.healthRules.inspectSecrets,
      guardrails: options.guardrails,
    }),
    selfChecker: new RecentSelfCheck({
      checker: createSelfChecker({
        config,
        guardrailModeOf: options.guardrails?.modeOf,
      }),
      maxAgeMs: 60_000,
    }),
  };
}

async function requestFactsOfComponent(store: RequestStore, entityRef: string) {
  const page = await store.listRequests({ entityRef, limit: 100 });
  const requests = await Promise.all(
    page.items.map(item => store.getRequest({ id: item.id })),
  );
  return requests.flatMap(r => {
    const facts = r && requestFactsOf(r);
    return facts ? [facts] : [];
  });
}

import { TokenCredential } from '@azure/identity';
import { AdmissionregistrationV1Api, CoreV1Api } from '@kubernetes/client-node';
import { ArmReadClient } from '../../clients/azure/ArmReadClient';
import { AzureClientOptions } from '../../clients/azure/AzureClientOptions';
import {
  armClientsFromConfig,
  azureCredentialFromConfig,
} from '../../clients/azure/armClientsFromConfig';
import { createTokenExchangeProbe } from '../../clients/createProvisioningClients';
import { livePreflightMissing } from '../../clients/createLivePreflightReader';
import { AzureWorkloadIdentityConfig } from '../../config/readConfig';
import { ClusterConfig } from '../../config/readClusterConfig';
import { kubeConfigFor } from '../../clients/kubernetes/createCoreApi';
import { KubernetesGuardrailWriter } from '../../clients/kubernetes/KubernetesGuardrailWriter';
import { GuardrailReader } from '../../guardrails/GuardrailWriter';
import { GuardrailExpectations } from '../../guardrails/inspectedGuardrails';
import {
  IdentityRequest,
  IssuerHistoryEntry,
  RequestRecordFacts,
} from '../snapshot';
import { KubernetesInspectionClient } from './KubernetesInspectionClient';
import { LiveInspector } from './LiveInspector';
import { RateLimitedProbe } from './RateLimitedProbe';

/** The inspector on the SDKs, from the same configuration as pre-flight and provisioning. */
export function createLiveInspector(options: {
  config: AzureWorkloadIdentityConfig;
  requestsOf(entityRef: string): Promise<RequestRecordFacts[]>;
  /** Every component's requests whose plan uses an identity. */
  requestsOfIdentity?(identityId: string): Promise<IdentityRequest[]>;
  issuerHistory(): Promise<IssuerHistoryEntry[]>;
  /** The token probe runs at most once per identity per this interval; default 10 seconds. */
  probeMinIntervalMs?: number;
  /** A fleet scan reuses a probe outcome younger than this; default 30 minutes. */
  scanProbeIntervalMs?: number;
  /** `healthRules.inspectSecrets`: read Secrets' key names (read `K11`). */
  inspectSecrets?: boolean;
  /** The guardrail settings and grants; without them guardrails are not read (`K12`). */
  guardrails?: GuardrailExpectations;
  /** Tests only: trust the sandbox CA, turn retries off. */
  clientOptions?: AzureClientOptions;
}): LiveInspector {
  const { config, clientOptions } = options;
  const missing = livePreflightMissing(config);
  if (missing) throw new Error(`inspection cannot be built: ${missing}`);
  const clients = armClientsFromConfig(config, clientOptions);
  const identities = config.azure.identities?.subscriptionId;
  const probe = new RateLimitedProbe({
    probe: createTokenExchangeProbe({ config, clientOptions }),
    // As long as the refresh throttle: a refresh after a fix always probes anew.
    minIntervalMs: options.probeMinIntervalMs ?? 10_000,
  });
  // Scans run every few minutes over every identity; exchanging a token for each of them each
  // time would be most of the scan's upstream calls, for an outcome that rarely changes.
  const scanProbe = new RateLimitedProbe({
    probe,
    minIntervalMs: options.scanProbeIntervalMs ?? 30 * 60_000,
  });
  return new LiveInspector({
    clusters: config.clusters.map(c => ({
      name: c.name,
      subscriptionId: c.subscriptionId,
      resourceGroup: c.resourceGroup,
      probeEnabled: c.probeEnabled,
      environment: c.environment,
      namespaceEnvironments: c.namespaceEnvironments,
      kubernetes: new KubernetesInspectionClient({
        cluster: c.name,
        connection: c.kubernetes,
        azureCredential: azureCredentialFromConfig(config, clientOptions),
      }),
      guardrails:
        options.guardrails &&
        guardrailReader(c, azureCredentialFromConfig(config, clientOptions)),
    })),
    azure: new ArmReadClient({ clients }),
    subscriptionIds: [
      ...config.clusters.map(c => c.subscriptionId),
      ...(identities ? [identities] : []),
    ],
    zoneSubscriptionIds: config.azure.subscriptions.map(s => s.subscriptionId),
    tenantId: config.azure.tenantId,
    requestsOf: options.requestsOf,
    requestsOfIdentity: options.requestsOfIdentity,
    issuerHistory: options.issuerHistory,
    probe,
    scanProbe,
    changeProbe: probe.anew(),
    inspectSecrets: options.inspectSecrets,
    issuerCa: clientOptions?.tlsOptions?.ca,
    guardrails: options.guardrails,
  });
}

/** The guardrails' reads on the inspection's own read-only credential, not the provisioner's. */
function guardrailReader(
  cluster: ClusterConfig,
  azureCredential: TokenCredential,
): GuardrailReader {
  const kubeConfig = kubeConfigFor({
    cluster: cluster.name,
    connection: cluster.kubernetes,
    credential: cluster.kubernetes.credential,
    azureCredential,
  });
  return new KubernetesGuardrailWriter({
    cluster: cluster.name,
    core: kubeConfig.makeApiClient(CoreV1Api),
    admission: kubeConfig.makeApiClient(AdmissionregistrationV1Api),
  });
}

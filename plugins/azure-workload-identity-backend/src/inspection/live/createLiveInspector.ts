import { AzureArmReader } from '../../clients/azure/AzureArmReader';
import { AzureClientOptions } from '../../clients/azure/AzureClientOptions';
import { armClientsFromConfig } from '../../clients/azure/armClientsFromConfig';
import { createTokenExchangeProbe } from '../../clients/createProvisioningClients';
import { livePreflightMissing } from '../../clients/createLivePreflightReader';
import { AzureWorkloadIdentityConfig } from '../../config/readConfig';
import { IssuerHistoryEntry, RequestRecordFacts } from '../snapshot';
import { AzureInspectionClient } from './AzureInspectionClient';
import { KubernetesInspectionClient } from './KubernetesInspectionClient';
import { LiveInspector } from './LiveInspector';

/** The inspector on the SDKs, from the same configuration as pre-flight and provisioning. */
export function createLiveInspector(options: {
  config: AzureWorkloadIdentityConfig;
  requestsOf(entityRef: string): Promise<RequestRecordFacts[]>;
  issuerHistory(): Promise<IssuerHistoryEntry[]>;
  /** Tests only: trust the sandbox CA, turn retries off. */
  clientOptions?: AzureClientOptions;
}): LiveInspector {
  const { config, clientOptions } = options;
  const missing = livePreflightMissing(config);
  if (missing) throw new Error(`inspection cannot be built: ${missing}`);
  const clients = armClientsFromConfig(config, clientOptions);
  const identities = config.azure.identities?.subscriptionId;
  return new LiveInspector({
    clusters: config.clusters.map(c => ({
      name: c.name,
      subscriptionId: c.subscriptionId,
      resourceGroup: c.resourceGroup,
      kubernetes: new KubernetesInspectionClient({
        cluster: c.name,
        connection: c.kubernetes,
      }),
    })),
    azure: new AzureInspectionClient({
      clients,
      reader: new AzureArmReader({ clients }),
    }),
    subscriptionIds: [
      ...config.clusters.map(c => c.subscriptionId),
      ...(identities ? [identities] : []),
    ],
    tenantId: config.azure.tenantId,
    requestsOf: options.requestsOf,
    issuerHistory: options.issuerHistory,
    probe: createTokenExchangeProbe({ config, clientOptions }),
    issuerCa: clientOptions?.tlsOptions?.ca,
  });
}

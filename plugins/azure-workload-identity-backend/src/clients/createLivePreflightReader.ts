import { ResourceTypeSpec } from '@backstage-community/plugin-azure-workload-identity-common';
import { AzureWorkloadIdentityConfig } from '../config/readConfig';
import { AzureClientOptions } from './azure/AzureClientOptions';
import { AzureArmReader } from './azure/AzureArmReader';
import {
  armClientsFromConfig,
  azureCredentialFromConfig,
} from './azure/armClientsFromConfig';
import { KubernetesNamespaceReader } from './kubernetes/KubernetesNamespaceReader';
import { LivePreflightReader } from './LivePreflightReader';
import { LiveRequestChoicesReader } from './LiveRequestChoicesReader';

/**
 * Why live pre-flight cannot be built from this configuration, or undefined when it can. The
 * plugin then keeps the reader that refuses plans, and logs this.
 */
export function livePreflightMissing(
  config: AzureWorkloadIdentityConfig,
): string | undefined {
  if (!config.azure.tenantId)
    return 'azureWorkloadIdentity.azure.tenantId is not set';
  if (config.clusters.length === 0) {
    return 'azureWorkloadIdentity.clusters lists no cluster';
  }
  return undefined;
}

/** Builds the live reader on the SDKs from the plugin's configuration. */
export function createLivePreflightReader(options: {
  config: AzureWorkloadIdentityConfig;
  /** Tests only: trust the sandbox CA, turn retries off. */
  clientOptions?: AzureClientOptions;
}): LivePreflightReader {
  const { config, clientOptions } = options;
  const missing = livePreflightMissing(config);
  if (missing) {
    throw new Error(`live pre-flight cannot be built: ${missing}`);
  }
  const clients = armClientsFromConfig(config, clientOptions);
  return new LivePreflightReader({
    azure: new AzureArmReader({ clients }),
    kubernetes: new KubernetesNamespaceReader({
      clusters: config.clusters,
      azureCredential: azureCredentialFromConfig(config, clientOptions),
    }),
    clusters: config.clusters,
    extraSubscriptionIds: config.azure.identities
      ? [config.azure.identities.subscriptionId]
      : [],
  });
}

/** Builds what the request form picks from, on the same SDK clients as pre-flight. */
export function createLiveRequestChoicesReader(options: {
  config: AzureWorkloadIdentityConfig;
  /** The types the form offers; default the built-in ones. */
  resourceTypes?: readonly ResourceTypeSpec[];
  clientOptions?: AzureClientOptions;
}): LiveRequestChoicesReader {
  const { config, clientOptions } = options;
  const missing = livePreflightMissing(config);
  if (missing) {
    throw new Error(`the request form's choices cannot be read: ${missing}`);
  }
  const identities = config.azure.identities?.subscriptionId;
  return new LiveRequestChoicesReader({
    azure: new AzureArmReader({
      clients: armClientsFromConfig(config, clientOptions),
    }),
    kubernetes: new KubernetesNamespaceReader({
      clusters: config.clusters,
      azureCredential: azureCredentialFromConfig(config, clientOptions),
    }),
    clusterNames: config.clusters.map(c => c.name),
    resourceTypes: options.resourceTypes,
    subscriptionIds: [
      ...config.clusters.map(c => c.subscriptionId),
      ...(identities ? [identities] : []),
    ],
  });
}

import { CoreV1Api } from '@kubernetes/client-node';
import { AzureWorkloadIdentityConfig } from '../config/readConfig';
import { AzureArmReader } from './azure/AzureArmReader';
import { AzureArmWriter } from './azure/AzureArmWriter';
import { AzureClientOptions } from './azure/AzureClientOptions';
import {
  armClientsFromConfig,
  azureCredentialFromConfig,
} from './azure/armClientsFromConfig';
import { livePreflightMissing } from './createLivePreflightReader';
import { ProvisioningClients } from './ProvisioningClients';
import { EntraTokenExchangeProbe } from './entra/EntraTokenExchangeProbe';
import { createCoreApi } from './kubernetes/createCoreApi';
import { KubernetesServiceAccountWriter } from './kubernetes/KubernetesServiceAccountWriter';

/**
 * The provisioner's clients on the SDKs, from the plugin's configuration: ARM writes as the
 * portal's principal; service account writes with each cluster's provisioner token (clusters
 * without one are in manifest mode); the verification probe with the reader's token, which
 * may request service account tokens.
 */
export function createProvisioningClients(options: {
  config: AzureWorkloadIdentityConfig;
  /** Tests only: trust the sandbox CA, turn retries off. */
  clientOptions?: AzureClientOptions;
}): ProvisioningClients {
  const { config, clientOptions } = options;
  const missing = livePreflightMissing(config);
  if (missing) throw new Error(`provisioning cannot be built: ${missing}`);

  const arm = armClientsFromConfig(config, clientOptions);

  const clusters = new Map(config.clusters.map(c => [c.name, c]));
  const writers = new Map<string, KubernetesServiceAccountWriter>();
  const known = (name: string) => {
    const cluster = clusters.get(name);
    if (!cluster) throw new Error(`cluster '${name}' is not configured`);
    return cluster;
  };

  return {
    azure: new AzureArmWriter({
      clients: arm,
      reader: new AzureArmReader({ clients: arm }),
    }),
    serviceAccountWriterFor: name => {
      const cluster = known(name);
      if (!cluster.provisioner) return undefined;
      let writer = writers.get(name);
      if (!writer) {
        writer = new KubernetesServiceAccountWriter({
          cluster: name,
          api: createCoreApi({
            cluster: name,
            connection: cluster.kubernetes,
            credential: cluster.provisioner.credential,
            azureCredential: azureCredentialFromConfig(config, clientOptions),
          }),
        });
        writers.set(name, writer);
      }
      return writer;
    },
    probe: createTokenExchangeProbe({ config, clientOptions }),
  };
}

/**
 * The token-exchange probe with each cluster's reader token, which may request service
 * account tokens: the provisioner's verify step and the inspector's token link share it.
 */
export function createTokenExchangeProbe(options: {
  config: AzureWorkloadIdentityConfig;
  clientOptions?: AzureClientOptions;
}): EntraTokenExchangeProbe {
  const { config, clientOptions } = options;
  const clusters = new Map(config.clusters.map(c => [c.name, c]));
  const readers = new Map<string, CoreV1Api>();
  return new EntraTokenExchangeProbe({
    apiFor: name => {
      let api = readers.get(name);
      if (!api) {
        const cluster = clusters.get(name);
        if (!cluster) throw new Error(`cluster '${name}' is not configured`);
        api = createCoreApi({
          cluster: name,
          connection: cluster.kubernetes,
          credential: cluster.kubernetes.credential,
          azureCredential: azureCredentialFromConfig(config, clientOptions),
        });
        readers.set(name, api);
      }
      return api;
    },
    authorityHost: config.azure.authorityHost,
    scope: `${config.azure.resourceManagerEndpoint}/.default`,
    ca: clientOptions?.tlsOptions?.ca,
  });
}

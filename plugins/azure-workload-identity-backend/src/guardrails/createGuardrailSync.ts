import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { AdmissionregistrationV1Api, CoreV1Api } from '@kubernetes/client-node';
import { AzureClientOptions } from '../clients/azure/AzureClientOptions';
import { azureCredentialFromConfig } from '../clients/azure/armClientsFromConfig';
import { kubeConfigFor } from '../clients/kubernetes/createCoreApi';
import { KubernetesGuardrailWriter } from '../clients/kubernetes/KubernetesGuardrailWriter';
import { AzureWorkloadIdentityConfig } from '../config/readConfig';
import { readGuardrailConfig } from '../config/readGuardrailConfig';
import { GrantSources, grantsOfCluster } from './grantsOfCluster';
import { GuardrailSync } from './GuardrailSync';

/**
 * The guardrail sync of the configured clusters: settings from
 * `azureWorkloadIdentity.guardrails`, grants from the stores, and a writer on each cluster's
 * provisioner credential (none, and so manifests instead, where the cluster has no
 * provisioner). The writer does not depend on the mode: an `off` cluster needs it to remove
 * what an earlier audit or deny installed.
 */
export function createGuardrailSync(options: {
  config: AzureWorkloadIdentityConfig;
  rootConfig: Config;
  stores: GrantSources;
  logger?: LoggerService;
  /** Tests only: trust the sandbox CA. */
  clientOptions?: AzureClientOptions;
}): GuardrailSync {
  const { config, clientOptions } = options;
  const writers = new Map<string, KubernetesGuardrailWriter>();
  return new GuardrailSync({
    clusters: config.clusters,
    settingsOf: readGuardrailConfig(options.rootConfig),
    grantsOf: cluster => grantsOfCluster(options.stores, cluster),
    logger: options.logger,
    writerFor: name => {
      const cluster = config.clusters.find(c => c.name === name);
      if (!cluster?.provisioner) return undefined;
      let writer = writers.get(name);
      if (!writer) {
        const kubeConfig = kubeConfigFor({
          cluster: name,
          connection: cluster.kubernetes,
          credential: cluster.provisioner.credential,
          // Only clusters that sign in as the portal need it, and it needs a tenant.
          azureCredential: config.azure.tenantId
            ? azureCredentialFromConfig(config, clientOptions)
            : undefined,
        });
        writer = new KubernetesGuardrailWriter({
          cluster: name,
          core: kubeConfig.makeApiClient(CoreV1Api),
          admission: kubeConfig.makeApiClient(AdmissionregistrationV1Api),
        });
        writers.set(name, writer);
      }
      return writer;
    },
  });
}

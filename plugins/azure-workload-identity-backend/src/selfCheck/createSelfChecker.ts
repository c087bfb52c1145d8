import { AzureClientOptions } from '../clients/azure/AzureClientOptions';
import {
  armClientsFromConfig,
  azureCredentialFromConfig,
} from '../clients/azure/armClientsFromConfig';
import { AzureWorkloadIdentityConfig } from '../config/readConfig';
import { GuardrailMode } from '../config/readGuardrailConfig';
import { LivePermissionReader } from './LivePermissionReader';
import { SelfChecker } from './SelfChecker';

/** The self-check on the SDKs, with the very credentials the rest of the plugin uses. */
export function createSelfChecker(options: {
  config: AzureWorkloadIdentityConfig;
  /** Each cluster's guardrail mode (GuardrailExpectations.modeOf); absent, none is asked. */
  guardrailModeOf?: (cluster: string) => GuardrailMode;
  /** Tests only: trust the sandbox CA, turn retries off. */
  clientOptions?: AzureClientOptions;
}): SelfChecker {
  const { config, clientOptions } = options;
  return new SelfChecker({
    reader: new LivePermissionReader({
      arm: armClientsFromConfig(config, clientOptions),
      azureCredential: azureCredentialFromConfig(config, clientOptions),
      resourceManagerEndpoint: config.azure.resourceManagerEndpoint,
      clusters: config.clusters,
    }),
    identities: config.azure.identities,
    clusters: config.clusters,
    guardrailModeOf: options.guardrailModeOf,
  });
}

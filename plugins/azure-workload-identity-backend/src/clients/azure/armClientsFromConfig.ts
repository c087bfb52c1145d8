import { AzureWorkloadIdentityConfig } from '../../config/readConfig';
import { AzureClientOptions } from './AzureClientOptions';
import { ArmClientsFor, createArmClients } from './createArmClients';
import { createAzureCredential } from './createAzureCredential';

// One credential and one set of clients per configuration: pre-flight, provisioning, the
// request form and the inspector then share a token cache instead of signing in four times.
const built = new WeakMap<
  AzureWorkloadIdentityConfig,
  Map<AzureClientOptions | undefined, ArmClientsFor>
>();

/** The portal's ARM clients as configured: its credential, its ARM endpoint. */
export function armClientsFromConfig(
  config: AzureWorkloadIdentityConfig,
  clientOptions?: AzureClientOptions,
): ArmClientsFor {
  if (!config.azure.tenantId) {
    throw new Error('azureWorkloadIdentity.azure.tenantId is not set');
  }
  let byOptions = built.get(config);
  if (!byOptions) {
    byOptions = new Map();
    built.set(config, byOptions);
  }
  let clients = byOptions.get(clientOptions);
  if (!clients) {
    clients = createArmClients({
      credential: createAzureCredential({
        tenantId: config.azure.tenantId,
        authorityHost: config.azure.authorityHost,
        credential: config.azure.credential,
        clientOptions,
      }),
      endpoint: config.azure.resourceManagerEndpoint,
      clientOptions,
    });
    byOptions.set(clientOptions, clients);
  }
  return clients;
}

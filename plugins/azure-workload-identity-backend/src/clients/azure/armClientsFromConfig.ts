import { AzureWorkloadIdentityConfig } from '../../config/readConfig';
import { AzureClientOptions } from './AzureClientOptions';
import { ArmClientsFor, createArmClients } from './createArmClients';
import { createAzureCredential } from './createAzureCredential';

/** The portal's ARM clients as configured: its credential, its ARM endpoint. */
export function armClientsFromConfig(
  config: AzureWorkloadIdentityConfig,
  clientOptions?: AzureClientOptions,
): ArmClientsFor {
  if (!config.azure.tenantId) {
    throw new Error('azureWorkloadIdentity.azure.tenantId is not set');
  }
  return createArmClients({
    credential: createAzureCredential({
      tenantId: config.azure.tenantId,
      authorityHost: config.azure.authorityHost,
      credential: config.azure.credential,
      clientOptions,
    }),
    endpoint: config.azure.resourceManagerEndpoint,
    clientOptions,
  });
}

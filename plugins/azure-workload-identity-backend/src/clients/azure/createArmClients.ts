import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { ResourceManagementClient } from '@azure/arm-resources';
import { TokenCredential } from '@azure/identity';
import { AzureClientOptions } from './AzureClientOptions';

/** The SDK clients of one subscription. */
export interface ArmClients {
  msi: ManagedServiceIdentityClient;
  authorization: AuthorizationManagementClient;
  resources: ResourceManagementClient;
  /** ARM endpoint without trailing slash, for the few reads no SDK client here offers. */
  endpoint: string;
}

/** Clients per subscription, built once: each SDK client is bound to one subscription. */
export type ArmClientsFor = (subscriptionId: string) => ArmClients;

export function createArmClients(options: {
  /** One credential for every subscription, or the credential of each subscription. */
  credential: TokenCredential | ((subscriptionId: string) => TokenCredential);
  /** ARM endpoint without trailing slash, e.g. https://management.azure.com. */
  endpoint: string;
  clientOptions?: AzureClientOptions;
}): ArmClientsFor {
  const { endpoint } = options;
  const credentialFor =
    typeof options.credential === 'function'
      ? options.credential
      : () => options.credential as TokenCredential;
  // The token audience is the ARM endpoint. The classic clients (msi, authorization) derive it
  // from `endpoint`; the TypeSpec one (resources) defaults to public Azure's whatever the
  // endpoint, which would fail in a sovereign cloud, so it is given explicitly.
  const scope = `${endpoint}/.default`;
  const pipeline = { ...options.clientOptions };
  const cache = new Map<string, ArmClients>();

  return subscriptionId => {
    const key = subscriptionId.toLowerCase();
    let clients = cache.get(key);
    if (!clients) {
      const credential = credentialFor(subscriptionId);
      clients = {
        endpoint,
        resources: new ResourceManagementClient(credential, subscriptionId, {
          ...pipeline,
          endpoint,
          credentials: { scopes: [scope] },
        }),
        msi: new ManagedServiceIdentityClient(credential, subscriptionId, {
          ...pipeline,
          endpoint,
          credentialScopes: [scope],
        }),
        authorization: new AuthorizationManagementClient(
          credential,
          subscriptionId,
          { ...pipeline, endpoint, credentialScopes: [scope] },
        ),
      };
      cache.set(key, clients);
    }
    return clients;
  };
}

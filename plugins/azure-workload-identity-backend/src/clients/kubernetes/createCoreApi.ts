import { TokenCredential } from '@azure/identity';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  KubernetesConnection,
  KubernetesCredential,
} from '../readClusterConfig';

/**
 * The AKS AAD server application: Entra ID tokens for any AKS cluster with Entra ID
 * integration are issued for it (what `kubelogin` and the Kubernetes plugin's azure
 * auth provider ask for).
 */
export const AKS_SERVER_APP_SCOPE =
  '6dae42f8-4368-4678-94ff-3960e28e3630/.default';

const AZURE_AUTHENTICATOR = 'azure-workload-identity-portal';

export interface KubeClientOptions {
  cluster: string;
  connection: KubernetesConnection;
  /** Which of the portal's credentials for this cluster: the reader's or the provisioner's. */
  credential: KubernetesCredential;
  /** The portal's Azure credential, for clusters whose credential is `azure`. */
  azureCredential?: TokenCredential;
}

/** A CoreV1 client for one cluster and one credential, trusting the configured CA only. */
export function createCoreApi(options: KubeClientOptions): CoreV1Api {
  return kubeConfigFor(options).makeApiClient(CoreV1Api);
}

/** A kubeconfig of one cluster and one credential, for any of client-node's API clients. */
export function kubeConfigFor(options: KubeClientOptions): KubeConfig {
  const { cluster, connection, credential } = options;
  const kc = new KubeConfig();
  if (credential.type === 'azure') {
    const azure = options.azureCredential;
    if (!azure) {
      throw new Error(
        `cluster '${cluster}' authenticates with the portal's Azure identity, but no Azure credential was given`,
      );
    }
    // An Entra ID token lives about an hour; asking the credential on every request lets it
    // serve from its cache and renew in time, which a token fixed in the kubeconfig could not.
    kc.addAuthenticator({
      isAuthProvider: user => user.authProvider?.name === AZURE_AUTHENTICATOR,
      applyAuthentication: async (_user, opts) => {
        const token = await azure.getToken(AKS_SERVER_APP_SCOPE);
        if (!token) {
          throw new Error(
            `no Entra ID token for the Kubernetes API of cluster '${cluster}'`,
          );
        }
        opts.headers = {
          ...opts.headers,
          Authorization: `Bearer ${token.token}`,
        };
      },
    });
  }
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster,
        server: connection.url,
        caData: connection.caData,
        caFile: connection.caFile,
        skipTLSVerify: connection.skipTLSVerify ?? false,
      },
    ],
    users: [
      credential.type === 'azure'
        ? { name: 'backstage', authProvider: { name: AZURE_AUTHENTICATOR } }
        : { name: 'backstage', token: credential.token },
    ],
    contexts: [{ name: cluster, cluster, user: 'backstage' }],
    currentContext: cluster,
  });
  return kc;
}

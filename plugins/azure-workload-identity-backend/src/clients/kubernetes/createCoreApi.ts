import { TokenCredential } from '@azure/identity';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  KubernetesConnection,
  KubernetesCredential,
} from '../../config/readClusterConfig';

export { AKS_SERVER_APP_SCOPE } from '../../config/clusterCredentials';

const AUTHENTICATOR = 'azure-workload-identity-portal';

export interface KubeClientOptions {
  cluster: string;
  connection: KubernetesConnection;
  /** Which of the portal's credentials for this cluster: the reader's or the provisioner's. */
  credential: KubernetesCredential;
  /** The portal's Azure credential, for credentials that sign in as the portal. */
  azureCredential?: TokenCredential;
}

/** A CoreV1 client for one cluster and one credential, trusting the configured CA only. */
export function createCoreApi(options: KubeClientOptions): CoreV1Api {
  return kubeConfigFor(options).makeApiClient(CoreV1Api);
}

/** A kubeconfig of one cluster and one credential, for any of client-node's API clients. */
export function kubeConfigFor(options: KubeClientOptions): KubeConfig {
  const { cluster, connection, credential, azureCredential } = options;
  const kc = new KubeConfig();
  // The token is asked for on every request rather than fixed in the kubeconfig, so a
  // credential that expires (an Entra ID token lives about an hour) is renewed in time.
  kc.addAuthenticator({
    isAuthProvider: user => user.authProvider?.name === AUTHENTICATOR,
    applyAuthentication: async (_user, opts) => {
      const token = await credential.bearerToken({ azureCredential });
      opts.headers = { ...opts.headers, Authorization: `Bearer ${token}` };
    },
  });
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
    users: [{ name: 'backstage', authProvider: { name: AUTHENTICATOR } }],
    contexts: [{ name: cluster, cluster, user: 'backstage' }],
    currentContext: cluster,
  });
  return kc;
}

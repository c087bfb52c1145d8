import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { KubernetesConnection } from '../readClusterConfig';

/**
 * A CoreV1 client for one cluster with one bearer token, trusting the configured CA only.
 * The token is a parameter because the portal holds two per cluster: the reader's and the
 * provisioner's.
 */
export function createCoreApi(options: {
  cluster: string;
  connection: KubernetesConnection;
  token: string;
}): CoreV1Api {
  return kubeConfigFor(options).makeApiClient(CoreV1Api);
}

/** A kubeconfig of one cluster and one bearer token, for any of client-node's API clients. */
export function kubeConfigFor(options: {
  cluster: string;
  connection: KubernetesConnection;
  token: string;
}): KubeConfig {
  const { cluster, connection } = options;
  const kc = new KubeConfig();
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
    users: [{ name: 'backstage', token: options.token }],
    contexts: [{ name: cluster, cluster, user: 'backstage' }],
    currentContext: cluster,
  });
  return kc;
}

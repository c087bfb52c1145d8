/** Where a managed cluster's Kubernetes API listens and how its local admin signs in. */
export interface ClusterEndpoint {
  /** The API server URL, as a kubeconfig's `server` takes it. */
  server: string;
  /** Base64 of the PEM CA the API server's certificate chains to. */
  caData: string;
  /** Bearer token of the cluster's local admin account (clusterAdmin). */
  adminToken: string;
}

export interface ClusterCoordinates {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** The Kubernetes API behind a managed cluster, if the sandbox runs one for it. */
export type ClusterEndpoints = (
  cluster: ClusterCoordinates,
) => ClusterEndpoint | undefined;

/** What the Kubernetes half tells about each cluster it serves (its `clusterInfo()`). */
export interface ServedCluster {
  name: string;
  url: string;
  caData: string;
  subscriptionId?: string;
  resourceGroup?: string;
  tokens: { admin: string };
}

/**
 * Looks clusters up in the Kubernetes half's list on every call, so a URL or token that
 * changes at run time is what the next kubeconfig names. Names compare case-insensitively,
 * as ARM names do.
 */
export function clusterEndpointsOf(
  served: () => ServedCluster[],
): ClusterEndpoints {
  const same = (a: string | undefined, b: string) =>
    a !== undefined && a.toLowerCase() === b.toLowerCase();
  return cluster => {
    const found = served().find(
      c =>
        same(c.name, cluster.name) &&
        same(c.resourceGroup, cluster.resourceGroup) &&
        same(c.subscriptionId, cluster.subscriptionId),
    );
    return found
      ? {
          server: found.url,
          caData: found.caData,
          adminToken: found.tokens.admin,
        }
      : undefined;
  };
}

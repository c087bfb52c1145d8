/** What the request form picks from, as the backend's catalog routes answer it. */

/**
 * A configured AKS cluster; `manifest` clusters get their service account through GitOps.
 *
 * @public
 */
export interface ClusterChoice {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  serviceAccounts: 'apply' | 'manifest';
  /** The environment the configuration gives the cluster; requests do not state it. */
  environment?: 'production' | 'staging' | 'development';
  /** Namespaces configured to serve another environment (a name, or a prefix ending in `*`). */
  namespaceEnvironments?: Array<{
    namespace: string;
    environment: 'production' | 'staging' | 'development';
  }>;
}

/**
 * An Azure resource a workload may be given access to.
 *
 * @public
 */
export interface ResourceChoice {
  id: string;
  name: string;
  /** ARM type as ARM spells it, e.g. Microsoft.Storage/storageAccounts. */
  type: string;
  subscriptionId: string;
  resourceGroup: string;
  location?: string;
}

/**
 * A resource type the role compiler knows, with the intents that fit it.
 *
 * @public
 */
export interface ResourceTypeChoice {
  type: string;
  displayName: string;
  intents: string[];
}

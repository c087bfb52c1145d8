import type { TokenCredential } from '@azure/core-auth';
import { Config } from '@backstage/config';

/**
 * Where a cluster's credential is configured, and what it is for.
 *
 * @public
 */
export interface ClusterCredentialRequest {
  /** The cluster's name in `azureWorkloadIdentity.clusters`. */
  cluster: string;
  /**
   * The block that names the `authProvider`: a cluster of the Kubernetes plugin's
   * `clusterLocatorMethods`, an `azureWorkloadIdentity.clusters[].kubernetes` block, or a
   * cluster's `provisioner` block. Read your own keys from it.
   */
  config: Config;
  /** The block's configuration path, for error messages that say which key to fix. */
  key: string;
  /**
   * `read`: inspection, pre-flight and the token probe; `provision`: writing service accounts,
   * which needs more Kubernetes rights.
   */
  purpose: 'read' | 'provision';
}

/**
 * What a credential's token is asked with.
 *
 * @public
 */
export interface ClusterTokenContext {
  /**
   * The portal's own Azure credential, as `azureWorkloadIdentity.azure` configures it, for
   * credentials that sign in as the portal; undefined where Azure is not configured.
   */
  azureCredential?: TokenCredential;
}

/**
 * A credential for one cluster's Kubernetes API.
 *
 * @public
 */
export interface ClusterCredential {
  /**
   * A bearer token for the cluster's API server. Asked before every call, so a token that
   * expires is renewed here (cache it while it is valid).
   */
  bearerToken(context: ClusterTokenContext): Promise<string>;
}

/**
 * Signs the portal in to clusters whose `authProvider` names it.
 *
 * @public
 */
export interface ClusterCredentialProvider {
  /**
   * Reads the provider's settings of one cluster at start-up and returns its credential. Throw
   * an error naming `request.key` when they are wrong, so a typo fails the start.
   */
  credentialFor(request: ClusterCredentialRequest): ClusterCredential;
}

import { InputError } from '@backstage/errors';
import {
  ClusterCredential,
  ClusterCredentialProvider,
} from '@backstage-community/plugin-azure-workload-identity-node';

/**
 * The AKS AAD server application: Entra ID tokens for any AKS cluster with Entra ID
 * integration are issued for it (what `kubelogin` and the Kubernetes plugin's azure
 * auth provider ask for).
 */
export const AKS_SERVER_APP_SCOPE =
  '6dae42f8-4368-4678-94ff-3960e28e3630/.default';

/** A cluster credential and the `authProvider` that made it, for messages and the self-check. */
export interface KubernetesCredential extends ClusterCredential {
  authProvider: string;
}

/** The providers a cluster's `authProvider` may name, by name. */
export type ClusterCredentialProviders = ReadonlyMap<
  string,
  ClusterCredentialProvider
>;

/** A service account's bearer token from the configuration. */
export const serviceAccountCredentials: ClusterCredentialProvider = {
  credentialFor({ config, key, purpose }) {
    const token = config.getOptionalString('serviceAccountToken');
    if (!token) {
      throw new InputError(
        purpose === 'provision'
          ? `${key}.serviceAccountToken is missing or empty: give the token of a service account that may get, create and update service accounts, set authProvider: azure to write as the portal's own Entra ID identity, or remove ${key} to hand out manifests instead`
          : `${key}.serviceAccountToken is missing: the portal reads the cluster with it (or set authProvider: azure to use the portal's own Entra ID identity)`,
      );
    }
    return { bearerToken: async () => token };
  },
};

/**
 * The portal's own Entra ID identity, on AKS clusters with Entra ID integration; Kubernetes
 * RBAC then binds the principal's object id. Asking the credential on every call lets it serve
 * from its cache and renew in time (an Entra ID token lives about an hour).
 */
export const portalIdentityCredentials: ClusterCredentialProvider = {
  credentialFor({ cluster }) {
    return {
      async bearerToken({ azureCredential }) {
        if (!azureCredential) {
          throw new Error(
            `cluster '${cluster}' authenticates with the portal's Azure identity, but no Azure credential was given`,
          );
        }
        const token = await azureCredential.getToken(AKS_SERVER_APP_SCOPE);
        if (!token) {
          throw new Error(
            `no Entra ID token for the Kubernetes API of cluster '${cluster}'`,
          );
        }
        return token.token;
      },
    };
  },
};

/**
 * The built-in ways to sign in. The fleet scan and the provisioner run without a signed-in
 * user, so the Kubernetes plugin's `aks` (the viewer's own AKS token) signs in as the portal,
 * as `azure` does.
 */
export const BUILTIN_CLUSTER_CREDENTIALS: ReadonlyArray<
  [string, ClusterCredentialProvider]
> = [
  ['serviceAccount', serviceAccountCredentials],
  ['azure', portalIdentityCredentials],
  ['aks', portalIdentityCredentials],
];

/** The built-in providers alone: what a configuration is read with when no module adds one. */
export const builtinClusterCredentials: ClusterCredentialProviders = new Map(
  BUILTIN_CLUSTER_CREDENTIALS,
);

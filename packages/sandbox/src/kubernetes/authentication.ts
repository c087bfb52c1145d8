import { KubeObject, UserInfo } from './types';

/** A user that signs in with a static bearer token (kube-apiserver's `--token-auth-file`). */
export interface TokenUser {
  /** The key of its token in the cluster's tokens, and the `<cluster>-<role>` kubeconfig context. */
  role: string;
  /** The kubeconfig user entry, after `<cluster>-`. */
  kubeconfigUser: string;
  user: UserInfo;
}

/**
 * Who, besides the cluster admin, uses a cluster: the users with bearer tokens, and what a
 * fresh cluster holds for them (namespaces, service accounts, RBAC), created at every
 * start and reset. The twin's core knows none; a preset brings them.
 */
export interface ClusterPrincipals {
  users: TokenUser[];
  objects(): KubeObject[];
  /** Whose token the Backstage Kubernetes plugin's cluster list carries. Default: the admin. */
  kubernetesPluginRole?: string;
}

export const NO_PRINCIPALS: ClusterPrincipals = {
  users: [],
  objects: () => [],
};

/** Bearer tokens by role: always the admin's, then one per principal. */
export type ClusterTokens = { admin: string } & Record<string, string>;

/** The user `az aks get-credentials --admin` signs in as. */
export const CLUSTER_ADMIN: UserInfo = {
  username: 'sandbox-admin',
  groups: ['system:masters', 'system:authenticated'],
};

/** Every role a cluster needs a token for. */
export function tokenRoles(principals: ClusterPrincipals): string[] {
  return ['admin', ...principals.users.map(u => u.role)];
}

/**
 * The user a bearer token signs in as: an Entra ID token (a JWT, checked by the Azure
 * half once it runs), else one of the static tokens.
 */
export function authenticate(
  token: string | undefined,
  options: {
    tokens: ClusterTokens;
    users: TokenUser[];
    entraTokens?: (token: string) => UserInfo | undefined;
  },
): UserInfo | undefined {
  if (!token) return undefined;
  const fromEntra = token.startsWith('eyJ')
    ? options.entraTokens?.(token)
    : undefined;
  if (fromEntra) return fromEntra;
  const known = [{ role: 'admin', user: CLUSTER_ADMIN }, ...options.users].find(
    u => options.tokens[u.role] === token,
  );
  return known ? { ...known.user, groups: [...known.user.groups] } : undefined;
}

/**
 * The built-in health rules' names in words, so a page says "Federated credential names
 * another namespace" where a finding carries `fic-subject-namespace-mismatch`. The id stays
 * the stable key (links, tooltips, the rule reference); the title is what a person reads.
 */
const RULE_TITLES: Record<string, string> = {
  'inspect-read-forbidden': 'Backstage may not read this',
  'inspect-upstream-unreachable': 'Could not be read',
  'access-revoked-still-used': 'Pods still ask for revoked Azure access',
  'cluster-oidc-issuer-disabled': "The cluster's OIDC issuer is off",
  'cluster-workload-identity-disabled':
    'Workload identity is off on the cluster',
  'cluster-oidc-discovery-broken':
    "The issuer's discovery document is unusable",
  'guardrail-missing': "The cluster's guardrails are missing or outdated",
  'webhook-missing': 'The workload identity webhook is not installed',
  'webhook-unhealthy': 'The workload identity webhook is not answering',
  'webhook-failure-policy-ignore': 'An old webhook that ignores its failures',
  'webhook-duplicate-install': 'The webhook is installed twice',
  'webhook-excludes-namespace': 'The webhook skips this namespace',
  'pod-label-missing': 'Pods lack the workload identity label',
  'pod-label-on-serviceaccount-only':
    'The label is on the service account, not the pods',
  'pod-admission-rejected': 'Kubernetes refuses to create the pods',
  'pod-not-mutated': 'Pods were not given their Azure token',
  'pod-token-volume-missing': 'A container has no token volume',
  'pod-token-path-mismatch': 'The token file path points elsewhere',
  'pod-predates-sa-change': "Pods predate the service account's client id",
  'pod-env-overrides-injected': 'The manifest overrides an injected variable',
  'pod-main-container-skipped': 'The container that calls Azure is skipped',
  'pod-sidecar-receives-identity': 'A sidecar receives the identity too',
  'pod-uses-default-sa': "Pods run as the namespace's default service account",
  'pod-static-credential-env': 'Static Azure credentials in the environment',
  'pod-credential-secret-leftover':
    'An old Azure credential Secret is left over',
  'pod-aad-pod-identity-leftover': 'aad-pod-identity is still attached',
  'pod-proxy-sidecar-in-use': 'The migration proxy sidecar is in use',
  'pod-sdk-too-old': 'The Azure Identity library is too old',
  'sa-missing': 'The service account does not exist',
  'sa-client-id-missing': 'The service account names no client id',
  'sa-client-id-is-principal-id':
    'The service account holds the principal id, not the client id',
  'sa-client-id-unknown': "The service account's client id matches no identity",
  'sa-client-id-not-granted':
    'The service account names a client id the portal did not grant',
  'sa-tenant-id-mismatch': 'Pods get the wrong tenant',
  'sa-token-expiration-invalid': 'The token expiration is out of range',
  'sa-shared-across-components': 'Other components share the service account',
  'fic-missing': 'No federated credential trusts these pods',
  'fic-issuer-trailing-slash':
    "The federated credential's issuer differs by a slash",
  'fic-issuer-stale':
    "The federated credential trusts the cluster's old issuer",
  'fic-issuer-mismatch':
    "The federated credential trusts another cluster's issuer",
  'fic-subject-case-mismatch':
    "The federated credential's subject differs in case",
  'fic-subject-namespace-mismatch':
    'The federated credential names another namespace',
  'fic-subject-sa-mismatch':
    'The federated credential names another service account',
  'fic-audience-mismatch': "The federated credential's audience is wrong",
  'fic-count-near-limit': 'The identity is near its limit of 20 credentials',
  'fic-duplicate': 'Two federated credentials trust the same pods',
  'fic-stale-subject':
    'A federated credential trusts a service account that does not exist',
  'fic-unknown-issuer': 'A federated credential trusts an unknown issuer',
  'fic-propagation-pending': 'A new federated credential is not in effect yet',
  'identity-not-found': 'The managed identity no longer exists',
  'identity-recreated': 'The managed identity was recreated with new ids',
  'identity-is-cluster-identity': "Pods sign in as the cluster's own identity",
  'identity-shared-blast-radius': 'Several components share the identity',
  'ra-missing': 'The identity holds no role on a resource it uses',
  'ra-scope-too-broad': 'A role is granted more broadly than needed',
  'ra-privileged-role': 'The identity holds a privileged role',
  'ra-control-plane-only':
    'A role manages the resource but cannot use its data',
  'ra-principal-type-mismatch':
    'A role assignment has the wrong principal type',
  'ra-orphaned': 'Role assignments point at a deleted identity',
  'ra-propagation-pending': 'A new role is not in effect yet',
  'request-expiring': 'The access expires soon',
  'request-expired-still-active': 'Expired or revoked access is still in place',
  'request-drift': 'The chain differs from what was approved',
  'resource-not-found': 'A resource it uses does not exist',
  'kv-access-policy-mode-no-policy':
    'The vault uses access policies and has none for the identity',
  'kv-rbac-mode-policy-ignored':
    "The vault ignores the identity's access policy",
  'resource-network-blocked': "The resource's firewall blocks the cluster",
  'resource-private-endpoint-unusable':
    "The resource's private endpoint cannot be reached",
  'resource-granted-to-kubelet-identity':
    "A resource grants access to the cluster's own identity",
  'token-probe-not-run': 'The token exchange was not tested',
  'token-no-fic-configured': 'Entra ID found no federated credential',
  'token-no-matching-fic': 'Entra ID found no matching federated credential',
  'token-issuer-rejected': "Entra ID refused the token's issuer",
  'token-audience-rejected': "Entra ID refused the token's audience",
  'token-subject-rejected': "Entra ID refused the token's subject",
  'token-subject-case-rejected': "Entra ID refused the subject's case",
  'token-assertion-expired': 'Entra ID found the token expired',
  'token-client-not-found': 'Entra ID does not know the client id',
  'token-tenant-not-found': 'Entra ID does not know the tenant',
  'token-issuer-unreachable': "Entra ID could not reach the cluster's issuer",
  'token-exchange-failed': 'The token exchange failed',
};

/**
 * A rule's title: the one it gave its finding, else the built-in rule's, else its id in
 * words ("my-rule" reads "My rule") for a rule an adopter added without one.
 *
 * @public
 */
export function ruleTitle(ruleId: string, given?: string): string {
  if (given?.trim()) return given.trim();
  const known = RULE_TITLES[ruleId];
  if (known) return known;
  const words = ruleId.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

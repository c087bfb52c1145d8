/**
 * The names of the objects the portal owns on each cluster to enforce what it granted. Stable:
 * the health rules and the release notes of an adopter's cluster refer to them.
 */
export const GUARDRAIL_NAMESPACE = 'azure-workload-identity-system';
/** ConfigMap of grants; keys `<namespace>.<clientId>` (ConfigMap keys allow `-._a-zA-Z0-9`). */
export const GRANTS_CONFIGMAP = 'azure-workload-identity-grants';
export const CLIENT_ID_POLICY = 'azure-workload-identity-client-id-grants';
export const DEFAULT_SA_POLICY = 'azure-workload-identity-no-default-sa';
export const PROVISIONED_SA_POLICY =
  'azure-workload-identity-provisioned-service-accounts';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'backstage-azure-workload-identity';
/** A digest of what the portal would write, so an outdated guardrail can be told apart. */
export const GUARDRAIL_VERSION_ANNOTATION =
  'azure-workload-identity.backstage.io/guardrail-version';

// The annotation and label of Azure Workload Identity's webhook:
// https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html
export const CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';
export const USE_LABEL = 'azure.workload.identity/use';

/** The key of one grant in the grants ConfigMap. */
export function grantKey(namespace: string, clientId: string): string {
  return `${namespace}.${clientId.toLowerCase()}`;
}

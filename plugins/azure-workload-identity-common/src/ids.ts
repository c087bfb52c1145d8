/**
 * The one plugin id shared by the frontend, backend and common packages.
 *
 * @public
 */
export const AZURE_WORKLOAD_IDENTITY_PLUGIN_ID = 'azure-workload-identity';

/**
 * Scaffolder action that turns a request for Azure access into a workload identity chain.
 *
 * @public
 */
export const REQUEST_ACTION_ID = 'azure:workload-identity:request';

/**
 * The audience AKS workload identity uses for the token exchange; a federated identity
 * credential with any other audience is rejected by Entra ID for this flow.
 *
 * @public
 */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/**
 * Annotations and labels of the Azure Workload Identity webhook contract.
 *
 * @public
 */
export const WORKLOAD_IDENTITY_ANNOTATIONS = {
  clientId: 'azure.workload.identity/client-id',
  tenantId: 'azure.workload.identity/tenant-id',
  tokenExpiration: 'azure.workload.identity/service-account-token-expiration',
  skipContainers: 'azure.workload.identity/skip-containers',
} as const;

/**
 * Pods opt in to the webhook's mutation with this label set to the string "true".
 *
 * @public
 */
export const WORKLOAD_IDENTITY_USE_LABEL = 'azure.workload.identity/use';

/**
 * The Kubernetes plugin's conventions that link an entity to its workloads.
 *
 * @public
 */
export const KUBERNETES_ANNOTATIONS = {
  id: 'backstage.io/kubernetes-id',
  namespace: 'backstage.io/kubernetes-namespace',
  labelSelector: 'backstage.io/kubernetes-label-selector',
} as const;

/**
 * The subject a federated identity credential must name for a service account, exactly as the
 * cluster's token `sub` claim carries it (case-sensitive).
 *
 * @public
 */
export function serviceAccountSubject(options: {
  namespace: string;
  serviceAccountName: string;
}): string {
  return `system:serviceaccount:${options.namespace}:${options.serviceAccountName}`;
}

/**
 * The Kubernetes half of the sandbox: AKS-like clusters whose API
 * `kubectl` and `@kubernetes/client-node` accept, each with its own OIDC
 * issuer and the azure-workload-identity webhook's behaviour.
 */
export {
  startKubernetesTwin,
  DEFAULT_CLUSTERS,
  DEFAULT_BASE_PORT,
  DEFAULT_TENANT_ID,
  stableGuid,
} from './startKubernetesTwin';
export type {
  KubernetesTwin,
  KubernetesClusterSpec,
  StartKubernetesTwinOptions,
} from './startKubernetesTwin';
export { KubernetesCluster, USERS } from './cluster';
export type { PatchType, WriteOptions } from './cluster';
export type { ClusterInfo } from './configFiles';
export { KUBECONFIG_FILE, CLUSTERS_FILE, APP_CONFIG_FILE } from './configFiles';
export type { KubernetesFault, WebhookFault } from './faults';
export { RBAC_NAMES, workloadIdentityWebhook } from './bootstrap';
export { WI, mutatePod, tokenPaths } from './webhook/mutation';
export type { WebhookSettings } from './webhook/mutation';
export { StatusError } from './api/status';
export type { KubeObject, ObjectMeta, UserInfo } from './types';

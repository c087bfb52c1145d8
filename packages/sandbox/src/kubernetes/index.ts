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
export { KubernetesCluster } from './cluster';
export type {
  KubernetesClusterOptions,
  PatchType,
  WriteOptions,
} from './cluster';
export { CLUSTER_ADMIN, NO_PRINCIPALS } from './authentication';
export type {
  ClusterPrincipals,
  ClusterTokens,
  TokenUser,
} from './authentication';
export type { ClusterInfo } from './configFiles';
export { KUBECONFIG_FILE, CLUSTERS_FILE, APP_CONFIG_FILE } from './configFiles';
export type { KubernetesFault, WebhookFault } from './faults';
export { workloadIdentityWebhook } from './bootstrap';
export type { AdmissionPlugins } from './admission/chain';
export type {
  AdmissionContext,
  AdmissionOperation,
  AdmissionRequest,
  MutatingAdmissionPlugin,
  ValidatingAdmissionPlugin,
} from './admission/types';
export type { AuditEvent, AuditLog } from './auditLog';
export { WI, mutatePod, tokenPaths } from './webhook/mutation';
export type { WebhookSettings } from './webhook/mutation';
export { StatusError } from './api/status';
export type { KubeObject, ObjectMeta, UserInfo } from './types';

import { ManagedCluster, ManagedIdentity } from '../inspection/azureTypes';
import {
  Container,
  Pod,
  PodTemplate,
  ServiceAccount,
  Workload,
} from '../inspection/kubernetesTypes';
import {
  BindingSnapshot,
  ClusterSnapshot,
  InspectionSnapshot,
  RequestRecordFacts,
} from '../inspection/snapshot';

/**
 * A binding with the values every rule uses computed once, so all of them agree on the
 * subject `S`, the cluster's issuer `C`, the token audience `A`, the effective client id and
 * the rest. Values that could not be read are undefined; the engine does not run a rule whose
 * reads failed, so a rule may treat undefined as "absent".
 *
 * @public
 */
export interface BindingView {
  key: string;
  snapshot: InspectionSnapshot;
  binding: BindingSnapshot;
  cluster: ClusterSnapshot;
  managedCluster?: ManagedCluster;
  workload?: Workload;
  /** `<kind>/<name>` for kubectl, e.g. `deployment/orders-api`. */
  workloadRef: string;
  pods: Pod[];
  tpl?: PodTemplate;
  ns: string;
  sa: string;
  /** The ServiceAccount `sa`; undefined when it does not exist (or could not be read). */
  serviceAccount?: ServiceAccount;
  serviceAccountMissing: boolean;
  /** The subject the binding's tokens carry: `system:serviceaccount:<ns>:<sa>`. */
  S: string;
  /** The cluster's OIDC issuer URL. */
  C?: string;
  /** The audience of the workload's projected token. */
  A: string;
  main?: Container;
  /** Containers the webhook skips (`azure.workload.identity/skip-containers`). */
  skip: string[];
  /** The trimmed SA client-id annotation; undefined when absent or empty. */
  saClientId?: string;
  effClientId?: string;
  effTenantId?: string;
  effTenantSource: 'annotation' | 'webhook config' | 'none';
  identity?: ManagedIdentity;
  identityResourceGroup?: string;
  request?: RequestRecordFacts;
  prevIssuers: string[];
  knownIssuers: string[];
  usesWorkloadIdentity: boolean;
  /**
   * The binding's access ended (revoked or expired) and nothing has replaced it: its chain is
   * gone on purpose, so it is not inspected as a broken one.
   */
  accessEnded?: RequestRecordFacts;
  /** After an end, what still asks for Azure access there. */
  stillAsksForAzure: AzureAsk[];
}

/**
 * What asks for Azure access: the pod label, the main container's AZURE_CLIENT_ID, the service
 * account's annotation.
 *
 * @public
 */
export type AzureAsk = 'label' | 'env' | 'annotation';

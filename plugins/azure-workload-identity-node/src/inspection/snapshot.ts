import {
  DiscoveryResult,
  FederatedCredential,
  ManagedCluster,
  ManagedIdentity,
  ProbeOutcome,
  RoleAssignment,
  RoleDefinition,
  TargetNetwork,
  TargetResource,
} from './azureTypes';
import {
  AadPodIdentityObjects,
  ConfigMap,
  KubeEvent,
  MutatingWebhookConfiguration,
  Namespace,
  Pod,
  SecretKeys,
  ServiceAccount,
  WebhookDeployment,
  Workload,
} from './kubernetesTypes';
import { Read } from './reads';

/**
 * What one inspection of a component read, every read with its outcome. The inspector (I/O)
 * builds it; the engine and the rules (pure) only read it. Each
 * field names the read id it comes from.
 *
 * @public
 */
export interface InspectionSnapshot {
  entityRef: string;
  /** `O4`: the entity's annotations (kubernetes-id, resources, container, sdk). */
  entity: Read<{ annotations: Record<string, string> }>;
  /** `O3`: the component's request records. */
  requests: Read<RequestRecordFacts[]>;
  /** `O5`: issuers each cluster had, as earlier scans saw them. */
  issuerHistory: Read<IssuerHistoryEntry[]>;
  /** `A2`: the identity inventory, one list per configured subscription. */
  identityInventory: {
    subscriptionId: string;
    identities: Read<ManagedIdentity[]>;
  }[];
  /** `A5`: custom role definitions by id; built-in roles come from the common catalogue. */
  roleDefinitions: Read<RoleDefinition[]>;
  /** Every configured cluster (their issuers are `knownIssuers`). */
  clusters: ClusterSnapshot[];
  bindings: BindingSnapshot[];
}

/** @public */
export interface IssuerHistoryEntry {
  cluster: string;
  issuer: string;
  firstSeen: string;
  lastSeen: string;
}

/**
 * A request record as the rules need it; the inspector maps the store's record onto it.
 *
 * @public
 */
export interface RequestRecordFacts {
  id: string;
  status:
    | 'pending'
    | 'approved'
    | 'active'
    | 'rejected'
    | 'revoked'
    | 'expired'
    | 'failed';
  cluster: string;
  namespace: string;
  serviceAccountName: string;
  workload?: { kind: string; name: string };
  identity: {
    resourceId: string;
    name: string;
    clientId?: string;
    principalId?: string;
  };
  federatedCredential?: {
    name: string;
    issuer: string;
    subject: string;
    audiences: string[];
    appliedAt?: string;
  };
  roleAssignments: {
    id?: string;
    roleDefinitionId: string;
    scope: string;
    appliedAt?: string;
    /**
     * The revoke kept it on purpose, and its timeline says why: it existed before the request
     * (adopted), or another live request still uses it.
     */
    keptAtRevoke?: boolean;
  }[];
  targets: { resourceId: string; intent: string }[];
  appliedAt?: string;
  expiresAt?: string;
  planHash?: string;
}

/**
 * A request of any component whose plan uses an identity.
 *
 * @public
 */
export interface IdentityRequest {
  requestId: string;
  entityRef: string;
  /** The store's status: pending-approval, approved, applying, active, revoked... */
  status: string;
}

/**
 * Cluster-wide reads, shared by every binding on the cluster.
 *
 * @public
 */
export interface ClusterSnapshot {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  /** `A1`: the AKS cluster. */
  managedCluster: Read<ManagedCluster>;
  /** `O1`, read at `issuerURL`; not-found when there is no issuer to read. */
  discovery: Read<DiscoveryResult>;
  /** `K4`: the cluster's mutating webhook configurations. */
  webhookConfigurations: Read<MutatingWebhookConfiguration[]>;
  /** `K5`: webhook deployments with their ready endpoints. */
  webhookDeployments: Read<WebhookDeployment[]>;
  /** `K6`: `azure-wi-webhook-config` in the webhook namespace. */
  webhookConfigMap: Read<ConfigMap>;
  /** `K8`: the cluster's namespaces and their labels. */
  namespaces: Read<Namespace[]>;
  /** `K3`, per namespace read: the binding's namespace and the namespaces FIC subjects name. */
  serviceAccounts: Record<string, Read<ServiceAccount[]>>;
  probeEnabled: boolean;
  /**
   * The portal's guardrails on the cluster; absent where the inspector is not told the
   * guardrail settings (an inspector of an adopter's own).
   */
  guardrails?: ClusterGuardrails;
}

/**
 * What the portal enforces in a cluster, from configuration: `off` writes nothing there (and
 * promises nothing), `audit` lets violations through with a warning and an audit record,
 * `deny` refuses them.
 *
 * @public
 */
export type GuardrailMode = 'off' | 'audit' | 'deny';

/**
 * A cluster's guardrails: the configured mode, and what the cluster holds beside what the
 * portal would write there now.
 *
 * @public
 */
export interface ClusterGuardrails {
  mode: GuardrailMode;
  /**
   * `K12`; not read (not-found) where the mode is off or the component has nothing on the
   * cluster.
   */
  installed: Read<GuardrailFacts>;
}

/**
 * The portal's ValidatingAdmissionPolicies, their bindings and the grants ConfigMap as a
 * cluster holds them, compared with what the portal would write.
 *
 * @public
 */
export interface GuardrailFacts {
  /**
   * `missing`: none of the expected policies is there; `outdated`: some are missing or at
   * another version, or the grants differ; else `current`.
   */
  state: 'current' | 'missing' | 'outdated';
  /** `Kind/name` of each expected policy or binding the cluster does not hold. */
  missing: string[];
  /** `Kind/name` of each one it holds at another version. */
  outdated: string[];
  /**
   * The grants ConfigMap beside the grants of the portal's requests; grants of a request
   * being applied or revoked are left out of the comparison while they settle.
   */
  grants: 'current' | 'missing' | 'outdated';
  /** The client ids the portal's requests grant, lower-case, by namespace. */
  granted: Record<string, string[]>;
  /**
   * Who writes the guardrails: `portal` where it has a provisioner credential for the
   * cluster (and puts them right every few minutes), `platform` where the platform team
   * applies the manifests (GitOps).
   */
  appliedBy: 'portal' | 'platform';
  /**
   * Where the platform team fetches the manifests (the portal's `GET /guardrails/<cluster>`),
   * when the backend knows its own address.
   */
  manifestsUrl?: string;
}

/**
 * A target resource of the binding with its reads.
 *
 * @public
 */
export interface TargetSnapshot {
  resourceId: string;
  /** read / write / manage, or a finer intent (send, receive) from the request. */
  intent: string;
  source: 'request' | 'annotation';
  /** `A6`: the target resource. */
  resource: Read<TargetResource>;
  /** `A4` `atScope()` at the target: assignments at or above it, for any principal. */
  assignmentsAtScope: Read<RoleAssignment[]>;
  /** `A7`, only for a target closed to the internet (public access off or firewall Deny). */
  network?: Read<TargetNetwork>;
}

/**
 * One evaluation unit: a workload on a cluster with its service account, identity and
 * targets. The identity is resolved by the inspector (it must know it to read its FICs).
 *
 * @public
 */
export interface BindingSnapshot {
  cluster: string;
  namespace: string;
  /**
   * The environment the configuration gives the namespace (the first matching
   * `namespaceEnvironments` entry, else the cluster's own); absent when it says none.
   */
  environment?: 'production' | 'staging' | 'development';
  /** `K2`; not-found when only a request record names the workload. */
  workload: Read<Workload>;
  /** `K1`: live pods of the current revision. */
  pods: Read<Pod[]>;
  /** `K2` of the whole namespace: other components' workloads that may share the service account. */
  namespaceWorkloads?: Read<Workload[]>;
  /** `K2` of each namespace the identity's FIC subjects name, keyed `<cluster>/<namespace>`. */
  subjectWorkloads?: Record<string, Read<Workload[]>>;
  /** `K7`: FailedCreate events of the namespace, last hour. */
  events: Read<KubeEvent[]>;
  /** `K10`; not-found = aad-pod-identity is not installed (data, not unknown). */
  aadPodIdentity: Read<AadPodIdentityObjects>;
  /** `K11`, only when `healthRules.inspectSecrets` is on. */
  secrets?: Read<SecretKeys[]>;
  /** `O3` of every component: the requests whose plan uses the binding's identity. */
  identityRequests?: Read<IdentityRequest[]>;
  /** `A2`: found by effective client id, else the recorded identity (GET by id). */
  identity: Read<ManagedIdentity>;
  /** `A3` of `identity`. */
  federatedCredentials: Read<FederatedCredential[]>;
  /** `A4` `principalId eq` per subscription. */
  roleAssignments: Read<RoleAssignment[]>;
  targets: TargetSnapshot[];
  /** `O2`/`K9`: the probe; forbidden when TokenRequest is denied. */
  probe: Read<ProbeOutcome>;
}

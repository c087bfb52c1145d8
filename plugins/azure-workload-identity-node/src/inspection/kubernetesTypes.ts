/**
 * The parts of Kubernetes objects the health rules look at, in the API's own field names so
 * the inspector can copy them from `@kubernetes/client-node` objects without translation.
 * Plain JSON: snapshots are cached and sent to tests as fixtures.
 */

/** @public */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  /** When the annotations were last written (from `managedFields`), if the read kept it. */
  annotationsWrittenAt?: string;
}

/** @public */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
    fieldRef?: { fieldPath: string };
  };
}

/** @public */
export interface Container {
  name: string;
  image?: string;
  env?: EnvVar[];
  envFrom?: {
    secretRef?: { name: string };
    configMapRef?: { name: string };
  }[];
  volumeMounts?: { name: string; mountPath: string; subPath?: string }[];
}

/** @public */
export interface ServiceAccountTokenProjection {
  audience?: string;
  expirationSeconds?: number;
  path: string;
}

/** @public */
export interface Volume {
  name: string;
  projected?: {
    sources: {
      serviceAccountToken?: ServiceAccountTokenProjection;
      configMap?: { name: string };
      secret?: { name: string };
    }[];
  };
  secret?: { secretName: string };
  configMap?: { name: string };
}

/** @public */
export interface PodSpec {
  serviceAccountName?: string;
  hostNetwork?: boolean;
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
}

/** @public */
export interface PodTemplate {
  metadata: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: PodSpec;
}

/** @public */
export interface Pod {
  metadata: ObjectMeta;
  spec: PodSpec;
  status?: { phase?: string };
}

/** @public */
export type WorkloadKind =
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'Job'
  | 'CronJob'
  | 'Pod';

/**
 * A workload with its pod template (for a CronJob: `spec.jobTemplate.spec.template`).
 *
 * @public
 */
export interface Workload {
  kind: WorkloadKind;
  metadata: ObjectMeta;
  template: PodTemplate;
  replicas?: number;
  availableReplicas?: number;
  /** Conditions of the workload and of its current ReplicaSet, e.g. ReplicaFailure. */
  conditions?: {
    type: string;
    status: string;
    reason?: string;
    message?: string;
  }[];
}

/** @public */
export interface KubeEvent {
  reason: string;
  message: string;
  involvedObject: { kind: string; name: string; namespace?: string };
  lastTimestamp: string;
  count?: number;
}

/** @public */
export interface ServiceAccount {
  metadata: ObjectMeta;
}

/** @public */
export interface Namespace {
  metadata: ObjectMeta;
}

/** @public */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: {
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }[];
}

/** @public */
export interface MutatingWebhook {
  name: string;
  failurePolicy?: 'Fail' | 'Ignore';
  objectSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  clientConfig: {
    service?: { name: string; namespace: string };
    url?: string;
    /** Only whether it is set matters; the inspector may replace the value by "present". */
    caBundle?: string;
  };
}

/** @public */
export interface MutatingWebhookConfiguration {
  metadata: ObjectMeta;
  webhooks: MutatingWebhook[];
}

/**
 * The webhook's Deployment (any namespace, label azure-workload-identity.io/system=true).
 *
 * @public
 */
export interface WebhookDeployment {
  metadata: ObjectMeta;
  image?: string;
  replicas?: number;
  availableReplicas?: number;
  /** Ready endpoints of the webhook Service's EndpointSlices in the same namespace. */
  readyEndpoints?: number;
}

/** @public */
export interface ConfigMap {
  metadata: ObjectMeta;
  data?: Record<string, string>;
}

/**
 * aad-pod-identity objects in the namespace (read `K10`); not-found = the CRDs are not installed.
 *
 * @public
 */
export interface AadPodIdentityObjects {
  azureIdentities: {
    metadata: ObjectMeta;
    spec: { type?: number; resourceID?: string; clientID?: string };
  }[];
  azureIdentityBindings: {
    metadata: ObjectMeta;
    spec: { azureIdentity: string; selector: string };
  }[];
}

/**
 * A Secret of the namespace with key names only (read `K11`): values are dropped at read time.
 *
 * @public
 */
export interface SecretKeys {
  name: string;
  keys: string[];
}

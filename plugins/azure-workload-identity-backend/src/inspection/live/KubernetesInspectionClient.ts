import { TokenCredential } from '@azure/identity';
import {
  AdmissionregistrationV1Api,
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  DiscoveryV1Api,
} from '@kubernetes/client-node';
import { kubeConfigFor } from '../../clients/kubernetes/createCoreApi';
import { KubernetesConnection } from '../../config/readClusterConfig';
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
  WorkloadKind,
} from '../kubernetesTypes';
import { AllNamespacesReads, KubernetesReads } from '../ports';
import { plain } from '../../clients/plainJson';

const WEBHOOK_CONFIG_MAP = 'azure-wi-webhook-config';
const WEBHOOK_SYSTEM_LABEL = 'azure-workload-identity.io/system=true';
const WEBHOOK_SERVICE = 'azure-wi-webhook-webhook-service';
const AAD_POD_IDENTITY = 'aadpodidentity.k8s.io';

/**
 * Inspection's Kubernetes reads (`K1`–`K8`, `K10`, `K11`) for one cluster, on @kubernetes/client-node
 * with the reader's token. Answers the plain shapes of `kubernetesTypes`; a 404 surfaces as an
 * error with status 404 for `readOutcome`.
 */
export class KubernetesInspectionClient
  implements KubernetesReads, AllNamespacesReads
{
  private readonly core: CoreV1Api;
  private readonly apps: AppsV1Api;
  private readonly batch: BatchV1Api;
  private readonly admission: AdmissionregistrationV1Api;
  private readonly discovery: DiscoveryV1Api;
  private readonly custom: CustomObjectsApi;

  constructor(options: {
    cluster: string;
    connection: KubernetesConnection;
    /** For clusters that take the portal's own Entra ID identity. */
    azureCredential?: TokenCredential;
  }) {
    const { cluster, connection } = options;
    const kc = kubeConfigFor({
      cluster,
      connection,
      credential: connection.credential,
      azureCredential: options.azureCredential,
    });
    this.core = kc.makeApiClient(CoreV1Api);
    this.apps = kc.makeApiClient(AppsV1Api);
    this.batch = kc.makeApiClient(BatchV1Api);
    this.admission = kc.makeApiClient(AdmissionregistrationV1Api);
    this.discovery = kc.makeApiClient(DiscoveryV1Api);
    this.custom = kc.makeApiClient(CustomObjectsApi);
  }

  /** `K2`: the workloads carrying a label selector, in one namespace or all. */
  async listWorkloads(options: {
    namespace?: string;
    labelSelector: string;
  }): Promise<Workload[]> {
    const { namespace, labelSelector } = options;
    const query = { labelSelector };
    const [deployments, statefulSets, daemonSets, cronJobs] = await Promise.all(
      namespace
        ? [
            this.apps.listNamespacedDeployment({ namespace, ...query }),
            this.apps.listNamespacedStatefulSet({ namespace, ...query }),
            this.apps.listNamespacedDaemonSet({ namespace, ...query }),
            this.batch.listNamespacedCronJob({ namespace, ...query }),
          ]
        : [
            this.apps.listDeploymentForAllNamespaces(query),
            this.apps.listStatefulSetForAllNamespaces(query),
            this.apps.listDaemonSetForAllNamespaces(query),
            this.batch.listCronJobForAllNamespaces(query),
          ],
    );
    const workload = (kind: WorkloadKind, item: any, template: any) =>
      plain<Workload>({
        kind,
        metadata: item.metadata,
        template,
        replicas: item.spec?.replicas ?? item.status?.desiredNumberScheduled,
        availableReplicas:
          item.status?.availableReplicas ?? item.status?.numberAvailable,
        conditions: item.status?.conditions,
      });
    return [
      ...deployments.items.map(d =>
        workload('Deployment', d, d.spec?.template),
      ),
      ...statefulSets.items.map(s =>
        workload('StatefulSet', s, s.spec?.template),
      ),
      ...daemonSets.items.map(d => workload('DaemonSet', d, d.spec?.template)),
      ...cronJobs.items.map(c =>
        workload('CronJob', c, c.spec?.jobTemplate?.spec?.template),
      ),
    ];
  }

  /** `K1`: the running pods matching the workload's selector (terminating ones are gone soon). */
  async listPods(options: {
    namespace: string;
    labelSelector: string;
  }): Promise<Pod[]> {
    const list = await this.core.listNamespacedPod(options);
    return livePods(list.items);
  }

  /** `K1` for a whole cluster, as a fleet scan reads it once. */
  async listPodsAllNamespaces(): Promise<Pod[]> {
    const list = await this.core.listPodForAllNamespaces();
    return livePods(list.items);
  }

  /** `K3` for a whole cluster. */
  async listServiceAccountsAllNamespaces(): Promise<ServiceAccount[]> {
    const list = await this.core.listServiceAccountForAllNamespaces();
    return list.items.map(sa =>
      plain<ServiceAccount>({ metadata: sa.metadata }),
    );
  }

  /** `K3`: the service accounts of one namespace. */
  async listServiceAccounts(namespace: string): Promise<ServiceAccount[]> {
    const list = await this.core.listNamespacedServiceAccount({ namespace });
    return list.items.map(sa =>
      plain<ServiceAccount>({ metadata: sa.metadata }),
    );
  }

  /** `K4`: the cluster's mutating webhook configurations. */
  async listWebhookConfigurations(): Promise<MutatingWebhookConfiguration[]> {
    const list = await this.admission.listMutatingWebhookConfiguration();
    return list.items.map(mwc =>
      plain<MutatingWebhookConfiguration>({
        metadata: mwc.metadata,
        webhooks: (mwc.webhooks ?? []).map(w => ({
          name: w.name,
          failurePolicy: w.failurePolicy,
          objectSelector: w.objectSelector,
          namespaceSelector: w.namespaceSelector,
          clientConfig: {
            service: w.clientConfig.service,
            url: w.clientConfig.url,
            // Only whether it is set matters; the bundle itself is not kept.
            caBundle: w.clientConfig.caBundle ? 'present' : undefined,
          },
        })),
      }),
    );
  }

  /** `K5`: the webhook's deployments with the ready endpoints of their namespace's slices. */
  async listWebhookDeployments(): Promise<WebhookDeployment[]> {
    const list = await this.apps.listDeploymentForAllNamespaces({
      labelSelector: WEBHOOK_SYSTEM_LABEL,
    });
    return Promise.all(
      list.items.map(async d => {
        const namespace = d.metadata?.namespace ?? '';
        const slices = await this.discovery.listNamespacedEndpointSlice({
          namespace,
          labelSelector: `kubernetes.io/service-name=${WEBHOOK_SERVICE}`,
        });
        const readyEndpoints = slices.items
          .flatMap(s => s.endpoints ?? [])
          .filter(e => e.conditions?.ready !== false).length;
        return plain<WebhookDeployment>({
          metadata: d.metadata,
          image: d.spec?.template?.spec?.containers?.[0]?.image,
          replicas: d.spec?.replicas,
          availableReplicas: d.status?.availableReplicas ?? 0,
          readyEndpoints,
        });
      }),
    );
  }

  /** `K6`, in the namespace the webhook runs in. */
  async getWebhookConfigMap(namespace: string): Promise<ConfigMap> {
    const cm = await this.core.readNamespacedConfigMap({
      namespace,
      name: WEBHOOK_CONFIG_MAP,
    });
    return plain<ConfigMap>({ metadata: cm.metadata, data: cm.data });
  }

  /** `K7`: FailedCreate events of the namespace in the last hour. */
  async listFailedCreateEvents(
    namespace: string,
    now: Date,
  ): Promise<KubeEvent[]> {
    const list = await this.core.listNamespacedEvent({
      namespace,
      fieldSelector: 'reason=FailedCreate',
    });
    return recentFailedCreates(list.items, now);
  }

  /** `K7` for a whole cluster, as a fleet scan reads it once. */
  async listFailedCreateEventsAllNamespaces(now: Date): Promise<KubeEvent[]> {
    const list = await this.core.listEventForAllNamespaces({
      fieldSelector: 'reason=FailedCreate',
    });
    return recentFailedCreates(list.items, now);
  }

  /** `K8`: the cluster's namespaces and their labels. */
  async listNamespaces(): Promise<Namespace[]> {
    const list = await this.core.listNamespace();
    return list.items.map(ns => plain<Namespace>({ metadata: ns.metadata }));
  }

  /**
   * `K11`: each Secret of the namespace with its key names. The values come with the list (the
   * API has no names-only read) and are dropped here, before anything else sees them.
   */
  async listSecretKeys(namespace: string): Promise<SecretKeys[]> {
    const list = await this.core.listNamespacedSecret({ namespace });
    return list.items.map(secret => ({
      name: secret.metadata?.name ?? '',
      keys: [
        ...new Set([
          ...Object.keys(secret.data ?? {}),
          ...Object.keys(secret.stringData ?? {}),
        ]),
      ].sort(),
    }));
  }

  /** `K10`; a 404 on the API group means aad-pod-identity is not installed. */
  async listAadPodIdentity(namespace: string): Promise<AadPodIdentityObjects> {
    const [identities, bindings] = await Promise.all(
      ['azureidentities', 'azureidentitybindings'].map(plural =>
        this.custom.listNamespacedCustomObject({
          group: AAD_POD_IDENTITY,
          version: 'v1',
          namespace,
          plural,
        }),
      ),
    );
    return aadObjects(identities, bindings);
  }

  /** `K10` for a whole cluster, as a fleet scan reads it once. */
  async listAadPodIdentityAllNamespaces(): Promise<AadPodIdentityObjects> {
    const [identities, bindings] = await Promise.all(
      ['azureidentities', 'azureidentitybindings'].map(plural =>
        this.custom.listClusterCustomObject({
          group: AAD_POD_IDENTITY,
          version: 'v1',
          plural,
        }),
      ),
    );
    return aadObjects(identities, bindings);
  }
}

function aadObjects(
  identities: unknown,
  bindings: unknown,
): AadPodIdentityObjects {
  return plain<AadPodIdentityObjects>({
    azureIdentities: (identities as any).items ?? [],
    azureIdentityBindings: (bindings as any).items ?? [],
  });
}

// Terminating pods are gone soon; the rules look at the ones that stay.
function livePods(items: any[]): Pod[] {
  return items
    .filter(pod => !pod.metadata?.deletionTimestamp)
    .map(pod =>
      plain<Pod>({
        metadata: pod.metadata,
        spec: pod.spec,
        status: { phase: pod.status?.phase },
      }),
    );
}

function recentFailedCreates(items: any[], now: Date): KubeEvent[] {
  const since = now.getTime() - 60 * 60 * 1000;
  return items
    .map(e =>
      plain<KubeEvent>({
        reason: e.reason ?? '',
        message: e.message ?? '',
        involvedObject: {
          kind: e.involvedObject.kind,
          name: e.involvedObject.name,
          namespace: e.involvedObject.namespace,
        },
        lastTimestamp:
          e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp,
        count: e.count,
      }),
    )
    .filter(e => !e.lastTimestamp || Date.parse(e.lastTimestamp) >= since);
}

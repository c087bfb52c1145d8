import { DiscoveryResult } from '../azureTypes';
import {
  ConfigMap,
  MutatingWebhookConfiguration,
  Namespace,
  WebhookDeployment,
  Workload,
} from '../kubernetesTypes';
import { ClusterReads, ManagedClusterReads } from '../ports';
import { Read, valueOf } from '../reads';
import { ClusterSnapshot, RequestRecordFacts } from '../snapshot';
import { GuardrailExpectations } from '../../guardrails/inspectedGuardrails';
import { fetchDiscovery } from './fetchDiscovery';
import { readClusterGuardrails } from './readClusterGuardrails';
import {
  BindingPlace,
  ClusterState,
  ClusterStateReader,
  InspectedCluster,
  Once,
  ProbeReader,
} from './readers';
import { notRead, readOutcome } from './readOutcome';

const SKIPPED = 'no workload on this cluster';

const unique = <T>(items: T[]): T[] => [...new Set(items)];

/**
 * A cluster as one component sees it: the AKS cluster in ARM, and where the component has
 * workloads (or requests), the issuer's discovery document, the webhook and the namespaces'
 * service accounts. A cluster where the component has nothing is not read further.
 */
export class LiveClusterStateReader implements ClusterStateReader {
  constructor(
    private readonly options: {
      azure: ManagedClusterReads;
      once: Once;
      probe: Pick<ProbeReader, 'enabledOn'>;
      /** A private CA for issuers' discovery documents (the sandbox's). */
      issuerCa?: string;
      /** The guardrail settings and grants; without them the guardrails are not read. */
      guardrails?: GuardrailExpectations;
    },
  ) {}

  async read(input: {
    cluster: InspectedCluster;
    selector?: string;
    namespace?: string;
    records: RequestRecordFacts[];
  }): Promise<ClusterState> {
    const { cluster, selector } = input;
    const [managedCluster, workloads] = await Promise.all([
      readOutcome(`managed cluster ${cluster.name}`, () =>
        this.options.azure.getManagedCluster({
          subscriptionId: cluster.subscriptionId,
          resourceGroup: cluster.resourceGroup,
          name: cluster.name,
        }),
      ),
      selector
        ? readOutcome(`workloads labelled ${selector}`, () =>
            cluster.kubernetes.listWorkloads({
              namespace: input.namespace,
              labelSelector: selector,
            }),
          )
        : Promise.resolve<Read<Workload[]>>({ status: 'ok', value: [] }),
    ]);
    const places = placesOf({
      found: valueOf(workloads) ?? [],
      records: input.records,
      selector,
    });
    const namespaces = unique(places.map(p => p.namespace)).filter(Boolean);
    // A failed workload list may hide workloads: the cluster is read as if it had some.
    const inUse = namespaces.length > 0 || workloads.status !== 'ok';
    const issuer =
      valueOf(managedCluster)?.properties.oidcIssuerProfile?.issuerURL;
    const [discovery, webhook, clusterNamespaces, serviceAccounts, guardrails] =
      await Promise.all([
        this.readDiscovery(issuer, inUse),
        readWebhook(cluster.kubernetes, inUse),
        inUse
          ? readOutcome('namespaces', () => cluster.kubernetes.listNamespaces())
          : notRead<Namespace[]>(SKIPPED),
        readServiceAccounts(cluster.kubernetes, namespaces),
        readClusterGuardrails({
          cluster: cluster.name,
          expectations: this.options.guardrails,
          reader: cluster.guardrails,
          inUse,
          once: this.options.once,
        }),
      ]);
    const snapshot: ClusterSnapshot = {
      name: cluster.name,
      subscriptionId: cluster.subscriptionId,
      resourceGroup: cluster.resourceGroup,
      managedCluster,
      discovery,
      ...webhook,
      namespaces: clusterNamespaces,
      serviceAccounts,
      probeEnabled: this.options.probe.enabledOn(cluster),
      ...(guardrails ? { guardrails } : {}),
    };
    return { snapshot, places };
  }

  private readDiscovery(
    issuer: string | undefined,
    inUse: boolean,
  ): Promise<Read<DiscoveryResult>> {
    if (!issuer) return notRead('the cluster has no issuer');
    if (!inUse) return notRead(SKIPPED);
    return readOutcome(`the discovery document of ${issuer}`, () =>
      this.options.once(`discovery ${issuer}`, () =>
        fetchDiscovery({ issuer, ca: this.options.issuerCa }),
      ),
    );
  }
}

/**
 * The component's workloads on the cluster, and the namespaces its requests name where none
 * was found: a request whose workload is gone still gets a binding, so the rules can say so.
 */
export function placesOf(input: {
  found: Workload[];
  records: RequestRecordFacts[];
  selector?: string;
}): BindingPlace[] {
  const { found, selector } = input;
  const orphans = unique(
    input.records
      .filter(r => !found.some(w => w.metadata.namespace === r.namespace))
      .map(r => r.namespace),
  );
  return [
    ...found.map(w => ({
      namespace: w.metadata.namespace ?? '',
      workload: { status: 'ok', value: w } as Read<Workload>,
    })),
    ...orphans.map(namespace => ({
      namespace,
      workload: {
        status: 'not-found',
        reason: `no workload labelled ${
          selector ?? '(no selector)'
        } in ${namespace}`,
      } as Read<Workload>,
    })),
  ];
}

/** The webhook's configurations and deployments, then its config map where it runs. */
async function readWebhook(
  k8s: ClusterReads,
  inUse: boolean,
): Promise<
  Pick<
    ClusterSnapshot,
    'webhookConfigurations' | 'webhookDeployments' | 'webhookConfigMap'
  >
> {
  if (!inUse) {
    return {
      webhookConfigurations: await notRead<MutatingWebhookConfiguration[]>(
        SKIPPED,
      ),
      webhookDeployments: await notRead<WebhookDeployment[]>(SKIPPED),
      webhookConfigMap: await notRead<ConfigMap>(SKIPPED),
    };
  }
  const [webhookConfigurations, webhookDeployments] = await Promise.all([
    readOutcome('mutating webhook configurations', () =>
      k8s.listWebhookConfigurations(),
    ),
    readOutcome('the webhook deployment', () => k8s.listWebhookDeployments()),
  ]);
  const namespace =
    valueOf(webhookDeployments)?.[0]?.metadata.namespace ?? 'kube-system';
  const webhookConfigMap = await readOutcome(
    `configmap azure-wi-webhook-config in ${namespace}`,
    () => k8s.getWebhookConfigMap(namespace),
  );
  return { webhookConfigurations, webhookDeployments, webhookConfigMap };
}

async function readServiceAccounts(
  k8s: ClusterReads,
  namespaces: string[],
): Promise<ClusterSnapshot['serviceAccounts']> {
  const reads = await Promise.all(
    namespaces.map(
      async namespace =>
        [
          namespace,
          await readOutcome(`service accounts of ${namespace}`, () =>
            k8s.listServiceAccounts(namespace),
          ),
        ] as const,
    ),
  );
  return Object.fromEntries(reads);
}

import {
  AadPodIdentityObjects,
  KubeEvent,
  LabelSelector,
  Pod,
  ServiceAccount,
  Workload,
} from '../kubernetesTypes';
import { ClusterReads, KubernetesReads } from '../ports';

/**
 * The Kubernetes reads of a fleet scan: workloads, pods and service accounts listed once per
 * cluster and filtered here, instead of once per component and namespace. Label selectors
 * other than `key=value` pairs go to the cluster as they are.
 */
export function clusterWideReads<T extends ClusterReads>(client: T): T {
  const overrides = namespacedFromAll(client);
  return new Proxy(client, {
    get(target, property, receiver) {
      return Object.hasOwn(overrides, property)
        ? overrides[property as keyof typeof overrides]
        : Reflect.get(target, property, receiver);
    },
  });
}

/** The per-namespace reads answered from lists of every namespace, each made once. */
function namespacedFromAll(
  client: ClusterReads,
): Pick<
  KubernetesReads,
  | 'listWorkloads'
  | 'listPods'
  | 'listServiceAccounts'
  | 'listFailedCreateEvents'
  | 'listAadPodIdentity'
> {
  let workloads: Promise<Workload[]> | undefined;
  let pods: Promise<Pod[]> | undefined;
  let serviceAccounts: Promise<ServiceAccount[]> | undefined;
  let events: Promise<KubeEvent[]> | undefined;
  let aad: Promise<AadPodIdentityObjects> | undefined;
  const inNamespace =
    (namespace: string) =>
    <O extends { metadata: { namespace?: string } }>(o: O) =>
      o.metadata.namespace === namespace;
  return {
    async listWorkloads(options) {
      const selector = equalitySelector(options.labelSelector);
      if (!selector) return client.listWorkloads(options);
      return (await (workloads ??= client.listWorkloads({ labelSelector: '' })))
        .filter(w => !options.namespace || inNamespace(options.namespace)(w))
        .filter(w => matches(selector, w.metadata.labels));
    },
    async listPods(options) {
      const selector = equalitySelector(options.labelSelector);
      if (!selector) return client.listPods(options);
      return (await (pods ??= client.listPodsAllNamespaces()))
        .filter(inNamespace(options.namespace))
        .filter(p => matches(selector, p.metadata.labels));
    },
    async listServiceAccounts(namespace) {
      return (
        await (serviceAccounts ??= client.listServiceAccountsAllNamespaces())
      ).filter(inNamespace(namespace));
    },
    async listFailedCreateEvents(namespace, now) {
      return (
        await (events ??= client.listFailedCreateEventsAllNamespaces(now))
      ).filter(e => e.involvedObject.namespace === namespace);
    },
    async listAadPodIdentity(namespace) {
      // A 404 (not installed) rejects here too, and stays "not found" per namespace.
      const objects = await (aad ??= client.listAadPodIdentityAllNamespaces());
      return {
        azureIdentities: objects.azureIdentities.filter(inNamespace(namespace)),
        azureIdentityBindings: objects.azureIdentityBindings.filter(
          inNamespace(namespace),
        ),
      };
    },
  };
}

/** `a=b,c=d` (or `a==b`) as matchLabels; undefined for anything else. */
export function equalitySelector(
  selector: string,
): LabelSelector['matchLabels'] | undefined {
  if (selector.trim() === '') return {};
  const labels: Record<string, string> = {};
  for (const part of selector.split(',')) {
    const match = /^\s*([\w./-]+)\s*==?\s*([\w.-]*)\s*$/.exec(part);
    if (!match) return undefined;
    labels[match[1]] = match[2];
  }
  return labels;
}

function matches(
  selector: Record<string, string>,
  labels: Record<string, string> | undefined,
): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

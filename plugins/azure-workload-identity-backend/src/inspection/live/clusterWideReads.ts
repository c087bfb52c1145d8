import { LabelSelector, Pod, Workload } from '../kubernetesTypes';
import { KubernetesInspectionClient } from './KubernetesInspectionClient';

/**
 * The Kubernetes reads of a fleet scan: workloads, pods and service accounts listed once per
 * cluster and filtered here, instead of once per component and namespace. Label selectors
 * other than `key=value` pairs go to the cluster as they are.
 */
export function clusterWideReads(
  client: KubernetesInspectionClient,
): KubernetesInspectionClient {
  let workloads: Promise<Workload[]> | undefined;
  let pods: Promise<Pod[]> | undefined;
  let serviceAccounts:
    | ReturnType<KubernetesInspectionClient['listServiceAccountsAllNamespaces']>
    | undefined;
  let events:
    | ReturnType<
        KubernetesInspectionClient['listFailedCreateEventsAllNamespaces']
      >
    | undefined;
  let aad:
    | ReturnType<KubernetesInspectionClient['listAadPodIdentityAllNamespaces']>
    | undefined;
  const allWorkloads = () =>
    (workloads ??= client.listWorkloads({ labelSelector: '' }));
  const allPods = () => (pods ??= client.listPodsAllNamespaces());
  const allServiceAccounts = () =>
    (serviceAccounts ??= client.listServiceAccountsAllNamespaces());

  return new Proxy(client, {
    get(target, property, receiver) {
      switch (property) {
        case 'listWorkloads':
          return async (options: {
            namespace?: string;
            labelSelector: string;
          }) => {
            const selector = equalitySelector(options.labelSelector);
            if (!selector) return target.listWorkloads(options);
            return (await allWorkloads()).filter(
              w =>
                (!options.namespace ||
                  w.metadata.namespace === options.namespace) &&
                matches(selector, w.metadata.labels),
            );
          };
        case 'listPods':
          return async (options: {
            namespace: string;
            labelSelector: string;
          }) => {
            const selector = equalitySelector(options.labelSelector);
            if (!selector) return target.listPods(options);
            return (await allPods()).filter(
              p =>
                p.metadata.namespace === options.namespace &&
                matches(selector, p.metadata.labels),
            );
          };
        case 'listServiceAccounts':
          return async (namespace: string) =>
            (await allServiceAccounts()).filter(
              sa => sa.metadata.namespace === namespace,
            );
        case 'listFailedCreateEvents':
          return async (namespace: string, now: Date) =>
            (
              await (events ??= client.listFailedCreateEventsAllNamespaces(now))
            ).filter(e => e.involvedObject.namespace === namespace);
        case 'listAadPodIdentity':
          return async (namespace: string) => {
            // A 404 (not installed) rejects here too, and stays "not found" per namespace.
            const objects = await (aad ??=
              client.listAadPodIdentityAllNamespaces());
            return {
              azureIdentities: objects.azureIdentities.filter(
                o => o.metadata.namespace === namespace,
              ),
              azureIdentityBindings: objects.azureIdentityBindings.filter(
                o => o.metadata.namespace === namespace,
              ),
            };
          };
        default:
          return Reflect.get(target, property, receiver);
      }
    },
  });
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

import { CoreV1Api, V1ServiceAccount } from '@kubernetes/client-node';
import {
  annotationOutcomes,
  labelOutcomes,
  ServiceAccountInput,
  ServiceAccountRef,
  ServiceAccountState,
  ServiceAccountTeardown,
  ServiceAccountWrite,
  ServiceAccountWriter,
} from '../ProvisioningClients';
import { isNotFound, statusOf, upstreamError } from '../upstreamError';

const CONFLICT_RETRIES = 3;

/**
 * ServiceAccountWriter of one cluster on @kubernetes/client-node, with the provisioner's own
 * token (the reader's cannot write). Only our annotations and labels are touched: everything
 * else on an existing account (pull secrets, other teams' annotations) is kept, and a
 * concurrent update (409) is re-read and merged again.
 */
export class KubernetesServiceAccountWriter
  implements ServiceAccountWriter, ServiceAccountTeardown
{
  constructor(private readonly options: { cluster: string; api: CoreV1Api }) {}

  async ensureServiceAccount(
    input: ServiceAccountInput,
  ): Promise<ServiceAccountWrite> {
    return this.withConflictRetry(
      `service account ${input.namespace}/${input.name}`,
      'write',
      async () => {
        const existing = await this.read(input.namespace, input.name);
        if (!existing) {
          await this.options.api.createNamespacedServiceAccount({
            namespace: input.namespace,
            body: {
              apiVersion: 'v1',
              kind: 'ServiceAccount',
              metadata: {
                name: input.name,
                namespace: input.namespace,
                annotations: input.annotations,
                labels: input.labels,
              },
            },
          });
          return {
            outcome: 'created',
            annotations: annotationOutcomes(undefined, input.annotations),
            labels: labelOutcomes(undefined, input.labels),
          };
        }
        const metadata = existing.metadata ?? {};
        // Judged on the read this attempt writes over: after a 409 that is the newer one.
        const found = annotationOutcomes(
          metadata.annotations,
          input.annotations,
        );
        const labelsFound = labelOutcomes(metadata.labels, input.labels);
        const annotations = { ...metadata.annotations, ...input.annotations };
        // A label already there keeps its value: it is whoever made the account's.
        const labels = { ...input.labels, ...metadata.labels };
        if (
          sameEntries(annotations, metadata.annotations) &&
          sameEntries(labels, metadata.labels)
        ) {
          return {
            outcome: 'unchanged',
            annotations: found,
            labels: labelsFound,
          };
        }
        // Replace carries the resourceVersion read, so a concurrent change answers 409.
        await this.options.api.replaceNamespacedServiceAccount({
          namespace: input.namespace,
          name: input.name,
          body: { ...existing, metadata: { ...metadata, annotations, labels } },
        });
        return { outcome: 'updated', annotations: found, labels: labelsFound };
      },
    );
  }

  async removeMetadata(
    options: ServiceAccountRef & {
      annotations: Record<string, string>;
      labels: Record<string, string>;
    },
  ): Promise<'removed' | 'unchanged' | 'absent'> {
    return this.withConflictRetry(
      `service account ${options.namespace}/${options.name}`,
      'write',
      async () => {
        const existing = await this.read(options.namespace, options.name);
        if (!existing) return 'absent';
        const metadata = existing.metadata ?? {};
        const annotations = withoutEntries(
          metadata.annotations,
          options.annotations,
        );
        const labels = withoutEntries(metadata.labels, options.labels);
        if (
          sameEntries(annotations, metadata.annotations) &&
          sameEntries(labels, metadata.labels)
        ) {
          return 'unchanged';
        }
        await this.options.api.replaceNamespacedServiceAccount({
          namespace: options.namespace,
          name: options.name,
          body: { ...existing, metadata: { ...metadata, annotations, labels } },
        });
        return 'removed';
      },
    );
  }

  async readServiceAccount(
    options: ServiceAccountRef,
  ): Promise<ServiceAccountState | undefined> {
    const existing = await this.withConflictRetry(
      `service account ${options.namespace}/${options.name}`,
      'read',
      () => this.read(options.namespace, options.name),
    );
    if (!existing) return undefined;
    const metadata = existing.metadata ?? {};
    return {
      annotations: { ...metadata.annotations },
      labels: { ...metadata.labels },
      imagePullSecrets: (existing.imagePullSecrets ?? []).flatMap(secret =>
        secret.name ? [secret.name] : [],
      ),
      resourceVersion: metadata.resourceVersion,
    };
  }

  async podsUsing(options: ServiceAccountRef): Promise<string[]> {
    return this.withConflictRetry(
      `the pods of namespace ${options.namespace}`,
      'read',
      async () => {
        const names: string[] = [];
        let next: string | undefined;
        do {
          // spec.serviceAccountName is one of the pod fields the API server selects on
          // (https://kubernetes.io/docs/concepts/overview/working-with-objects/field-selectors/);
          // the check below keeps an API that ignores the selector from counting other pods.
          const page = await this.options.api.listNamespacedPod({
            namespace: options.namespace,
            fieldSelector: `spec.serviceAccountName=${options.name}`,
            _continue: next,
          });
          for (const pod of page.items) {
            // A finished pod counts too: the job that ran it needs the account for its next run.
            if (
              pod.spec?.serviceAccountName === options.name &&
              pod.metadata?.name
            ) {
              names.push(pod.metadata.name);
            }
          }
          next = page.metadata?._continue || undefined;
        } while (next);
        return names;
      },
    );
  }

  async deleteServiceAccount(
    options: ServiceAccountRef & { resourceVersion?: string },
  ): Promise<'deleted' | 'changed' | 'absent'> {
    try {
      // The precondition makes the API server answer 409 if the account was written after it
      // was read (https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/delete-options/).
      await this.options.api.deleteNamespacedServiceAccount({
        namespace: options.namespace,
        name: options.name,
        body: options.resourceVersion
          ? { preconditions: { resourceVersion: options.resourceVersion } }
          : undefined,
      });
      return 'deleted';
    } catch (error) {
      if (isNotFound(error)) return 'absent';
      if (statusOf(error) === 409) return 'changed';
      throw upstreamError({
        upstream: `the Kubernetes API of cluster '${this.options.cluster}'`,
        reading: `service account ${options.namespace}/${options.name}`,
        action: 'delete',
        error,
      });
    }
  }

  private async read(
    namespace: string,
    name: string,
  ): Promise<V1ServiceAccount | undefined> {
    try {
      return await this.options.api.readNamespacedServiceAccount({
        namespace,
        name,
      });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async withConflictRetry<T>(
    what: string,
    action: string,
    work: () => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (statusOf(error) === 409 && attempt < CONFLICT_RETRIES) continue;
        throw upstreamError({
          upstream: `the Kubernetes API of cluster '${this.options.cluster}'`,
          reading: what,
          action,
          error,
        });
      }
    }
  }
}

function sameEntries(
  a: Record<string, string>,
  b: Record<string, string> | undefined,
): boolean {
  const other = b ?? {};
  const keys = new Set([...Object.keys(a), ...Object.keys(other)]);
  return [...keys].every(key => a[key] === other[key]);
}

/** `current` without each entry of `remove` that still has the value given. */
function withoutEntries(
  current: Record<string, string> | undefined,
  remove: Record<string, string>,
): Record<string, string> {
  const kept = { ...current };
  for (const [key, value] of Object.entries(remove)) {
    if (kept[key] === value) delete kept[key];
  }
  return kept;
}

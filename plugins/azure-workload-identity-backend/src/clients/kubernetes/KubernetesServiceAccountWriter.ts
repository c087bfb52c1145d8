import { CoreV1Api, V1ServiceAccount } from '@kubernetes/client-node';
import {
  ServiceAccountInput,
  ServiceAccountOutcome,
  ServiceAccountTeardown,
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
  ): Promise<ServiceAccountOutcome> {
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
          return 'created';
        }
        const metadata = existing.metadata ?? {};
        const annotations = { ...metadata.annotations, ...input.annotations };
        const labels = { ...metadata.labels, ...input.labels };
        if (
          sameEntries(annotations, metadata.annotations) &&
          sameEntries(labels, metadata.labels)
        ) {
          return 'unchanged';
        }
        // Replace carries the resourceVersion read, so a concurrent change answers 409.
        await this.options.api.replaceNamespacedServiceAccount({
          namespace: input.namespace,
          name: input.name,
          body: { ...existing, metadata: { ...metadata, annotations, labels } },
        });
        return 'updated';
      },
    );
  }

  async removeAnnotations(options: {
    cluster: string;
    namespace: string;
    name: string;
    annotations: Record<string, string>;
  }): Promise<'removed' | 'unchanged' | 'absent'> {
    return this.withConflictRetry(
      `service account ${options.namespace}/${options.name}`,
      'write',
      async () => {
        const existing = await this.read(options.namespace, options.name);
        if (!existing) return 'absent';
        const metadata = existing.metadata ?? {};
        const annotations = { ...metadata.annotations };
        let removed = false;
        for (const [key, value] of Object.entries(options.annotations)) {
          if (annotations[key] === value) {
            delete annotations[key];
            removed = true;
          }
        }
        if (!removed) return 'unchanged';
        await this.options.api.replaceNamespacedServiceAccount({
          namespace: options.namespace,
          name: options.name,
          body: { ...existing, metadata: { ...metadata, annotations } },
        });
        return 'removed';
      },
    );
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

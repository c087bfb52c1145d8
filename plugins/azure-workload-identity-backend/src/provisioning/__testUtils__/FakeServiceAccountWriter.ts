import {
  annotationOutcomes,
  labelOutcomes,
  ServiceAccountInput,
  ServiceAccountRef,
  ServiceAccountState,
  ServiceAccountTeardown,
  ServiceAccountWrite,
  ServiceAccountWriter,
} from '../../clients/ProvisioningClients';

interface FakeAccount {
  annotations: Record<string, string>;
  labels: Record<string, string>;
  imagePullSecrets?: string[];
  /** Bumped on every write, like a resourceVersion. */
  version?: number;
}

/** Service accounts and the pods running as them in memory, keyed by cluster/namespace/name. */
export class FakeServiceAccountWriter
  implements ServiceAccountWriter, ServiceAccountTeardown
{
  readonly accounts = new Map<string, FakeAccount>();
  /** Pods by cluster/namespace/pod name: the service account each runs as. */
  readonly pods = new Map<string, string>();

  /** Starts a pod running as `serviceAccountName`. */
  runPod(options: {
    cluster: string;
    namespace: string;
    pod: string;
    serviceAccountName: string;
  }): void {
    this.pods.set(
      `${options.cluster}/${options.namespace}/${options.pod}`,
      options.serviceAccountName,
    );
  }

  async ensureServiceAccount(
    input: ServiceAccountInput,
  ): Promise<ServiceAccountWrite> {
    const key = keyOf(input);
    const existing = this.accounts.get(key);
    const annotations = annotationOutcomes(
      existing?.annotations,
      input.annotations,
    );
    const labels = labelOutcomes(existing?.labels, input.labels);
    if (!existing) {
      this.accounts.set(key, {
        annotations: { ...input.annotations },
        labels: { ...input.labels },
        version: 1,
      });
      return { outcome: 'created', annotations, labels };
    }
    const merged = {
      annotations: { ...existing.annotations, ...input.annotations },
      labels: { ...input.labels, ...existing.labels },
    };
    if (
      JSON.stringify(merged.annotations) ===
        JSON.stringify(existing.annotations) &&
      JSON.stringify(merged.labels) === JSON.stringify(existing.labels)
    ) {
      return { outcome: 'unchanged', annotations, labels };
    }
    this.accounts.set(key, {
      ...existing,
      ...merged,
      version: (existing.version ?? 1) + 1,
    });
    return { outcome: 'updated', annotations, labels };
  }

  async removeMetadata(
    options: ServiceAccountRef & {
      annotations: Record<string, string>;
      labels: Record<string, string>;
    },
  ): Promise<'removed' | 'unchanged' | 'absent'> {
    const account = this.accounts.get(keyOf(options));
    if (!account) return 'absent';
    let removed = false;
    for (const [field, remove] of [
      ['annotations', options.annotations],
      ['labels', options.labels],
    ] as const) {
      for (const [key, value] of Object.entries(remove)) {
        if (account[field][key] === value) {
          delete account[field][key];
          removed = true;
        }
      }
    }
    if (removed) account.version = (account.version ?? 1) + 1;
    return removed ? 'removed' : 'unchanged';
  }

  async readServiceAccount(
    options: ServiceAccountRef,
  ): Promise<ServiceAccountState | undefined> {
    const account = this.accounts.get(keyOf(options));
    if (!account) return undefined;
    return {
      annotations: { ...account.annotations },
      labels: { ...account.labels },
      imagePullSecrets: [...(account.imagePullSecrets ?? [])],
      resourceVersion: String(account.version ?? 1),
    };
  }

  async podsUsing(options: ServiceAccountRef): Promise<string[]> {
    const prefix = `${options.cluster}/${options.namespace}/`;
    return [...this.pods]
      .filter(
        ([key, account]) => key.startsWith(prefix) && account === options.name,
      )
      .map(([key]) => key.slice(prefix.length));
  }

  async deleteServiceAccount(
    options: ServiceAccountRef & { resourceVersion?: string },
  ): Promise<'deleted' | 'changed' | 'absent'> {
    const account = this.accounts.get(keyOf(options));
    if (!account) return 'absent';
    if (
      options.resourceVersion !== undefined &&
      options.resourceVersion !== String(account.version ?? 1)
    ) {
      return 'changed';
    }
    this.accounts.delete(keyOf(options));
    return 'deleted';
  }
}

function keyOf(ref: ServiceAccountRef): string {
  return `${ref.cluster}/${ref.namespace}/${ref.name}`;
}

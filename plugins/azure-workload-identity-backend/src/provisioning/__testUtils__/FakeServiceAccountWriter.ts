import {
  ServiceAccountInput,
  ServiceAccountOutcome,
  ServiceAccountTeardown,
  ServiceAccountWriter,
} from '../../clients/ProvisioningClients';

/** Service accounts in memory, keyed by cluster/namespace/name. */
export class FakeServiceAccountWriter
  implements ServiceAccountWriter, ServiceAccountTeardown
{
  readonly accounts = new Map<
    string,
    { annotations: Record<string, string>; labels: Record<string, string> }
  >();

  async ensureServiceAccount(
    input: ServiceAccountInput,
  ): Promise<ServiceAccountOutcome> {
    const key = `${input.cluster}/${input.namespace}/${input.name}`;
    const existing = this.accounts.get(key);
    if (!existing) {
      this.accounts.set(key, {
        annotations: { ...input.annotations },
        labels: { ...input.labels },
      });
      return 'created';
    }
    const merged = {
      annotations: { ...existing.annotations, ...input.annotations },
      labels: { ...existing.labels, ...input.labels },
    };
    if (JSON.stringify(merged) === JSON.stringify(existing)) return 'unchanged';
    this.accounts.set(key, merged);
    return 'updated';
  }

  async removeAnnotations(options: {
    cluster: string;
    namespace: string;
    name: string;
    annotations: Record<string, string>;
  }): Promise<'removed' | 'unchanged' | 'absent'> {
    const account = this.accounts.get(
      `${options.cluster}/${options.namespace}/${options.name}`,
    );
    if (!account) return 'absent';
    let removed = false;
    for (const [key, value] of Object.entries(options.annotations)) {
      if (account.annotations[key] === value) {
        delete account.annotations[key];
        removed = true;
      }
    }
    return removed ? 'removed' : 'unchanged';
  }
}

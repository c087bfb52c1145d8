import {
  ServiceAccountInput,
  ServiceAccountOutcome,
  ServiceAccountWriter,
} from '../../clients/ProvisioningClients';

/** Service accounts in memory, keyed by cluster/namespace/name. */
export class FakeServiceAccountWriter implements ServiceAccountWriter {
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
}

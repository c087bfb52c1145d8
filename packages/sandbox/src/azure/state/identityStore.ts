import { randomUUID } from 'node:crypto';
import { DirectoryStore } from './directoryStore';
import {
  identityKey,
  mapFor,
  StateContext,
  stripUndefined,
} from './stateSupport';
import {
  AzureStateSnapshot,
  FederatedCredentialRecord,
  ManagedIdentityRecord,
} from './types';

/**
 * User-assigned managed identities and their federated identity credentials. Each
 * identity has a service principal in the directory, written and removed with it.
 */
export class IdentityStore {
  private identities = new Map<string, ManagedIdentityRecord>();
  /** identity key → (fic name lower-cased → record), in creation order. */
  private fics = new Map<string, Map<string, FederatedCredentialRecord>>();

  constructor(
    private readonly ctx: StateContext,
    private readonly directory: DirectoryStore,
  ) {}

  /** Creates or replaces an identity; ids are generated when absent, kept on update. */
  putManagedIdentity(
    input: Pick<
      ManagedIdentityRecord,
      'subscriptionId' | 'resourceGroup' | 'name'
    > &
      Partial<
        Omit<ManagedIdentityRecord, 'subscriptionId' | 'resourceGroup' | 'name'>
      >,
  ): ManagedIdentityRecord {
    const existing = this.getIdentity(
      input.subscriptionId,
      input.resourceGroup,
      input.name,
    );
    const record: ManagedIdentityRecord = {
      location: 'eastus',
      tags: {},
      tenantId: this.ctx.tenantId,
      principalId: existing?.principalId ?? randomUUID(),
      clientId: existing?.clientId ?? randomUUID(),
      isolationScope: 'None',
      createdAt: existing?.createdAt ?? this.ctx.now(),
      ...existing,
      ...stripUndefined(input),
      name: existing?.name ?? input.name,
    };
    this.identities.set(identityKey(record), record);
    const principal = this.directory.getPrincipal(record.principalId);
    this.directory.upsertWithoutNotice({
      objectId: record.principalId,
      appId: record.clientId,
      displayName: record.name,
      kind: 'ManagedIdentity',
      createdAt: principal?.createdAt ?? record.createdAt,
    });
    this.ctx.changed();
    return record;
  }

  getIdentity(
    subscriptionId: string,
    resourceGroup: string,
    name: string,
  ): ManagedIdentityRecord | undefined {
    return this.identities.get(
      identityKey({ subscriptionId, resourceGroup, name }),
    );
  }

  findIdentityByClientId(clientId: string): ManagedIdentityRecord | undefined {
    const c = clientId.toLowerCase();
    return [...this.identities.values()].find(
      i => i.clientId.toLowerCase() === c,
    );
  }

  listIdentities(filter: {
    subscriptionId: string;
    resourceGroup?: string;
  }): ManagedIdentityRecord[] {
    return [...this.identities.values()].filter(
      i =>
        i.subscriptionId.toLowerCase() ===
          filter.subscriptionId.toLowerCase() &&
        (!filter.resourceGroup ||
          i.resourceGroup.toLowerCase() === filter.resourceGroup.toLowerCase()),
    );
  }

  /** Deletes the identity, its FICs and its directory object. Role assignments stay, as in Azure. */
  deleteIdentity(
    subscriptionId: string,
    resourceGroup: string,
    name: string,
  ): boolean {
    const key = identityKey({ subscriptionId, resourceGroup, name });
    const record = this.identities.get(key);
    if (!record) return false;
    this.identities.delete(key);
    this.fics.delete(key);
    this.directory.deleteWithoutNotice(record.principalId);
    this.ctx.changed();
    return true;
  }

  putFederatedCredential(
    identity: ManagedIdentityRecord,
    fic: Omit<FederatedCredentialRecord, 'identityKey' | 'updatedAt'> & {
      updatedAt?: number;
    },
  ): FederatedCredentialRecord {
    const key = identityKey(identity);
    const list = mapFor(this.fics, key);
    const existing = list.get(fic.name.toLowerCase());
    const record: FederatedCredentialRecord = {
      ...fic,
      name: existing?.name ?? fic.name,
      identityKey: key,
      updatedAt: fic.updatedAt ?? this.ctx.now(),
    };
    list.set(fic.name.toLowerCase(), record);
    this.ctx.changed();
    return record;
  }

  listFederatedCredentials(
    identity: ManagedIdentityRecord,
  ): FederatedCredentialRecord[] {
    return [...(this.fics.get(identityKey(identity))?.values() ?? [])];
  }

  getFederatedCredential(
    identity: ManagedIdentityRecord,
    name: string,
  ): FederatedCredentialRecord | undefined {
    return this.fics.get(identityKey(identity))?.get(name.toLowerCase());
  }

  deleteFederatedCredential(
    identity: ManagedIdentityRecord,
    name: string,
  ): boolean {
    const deleted =
      this.fics.get(identityKey(identity))?.delete(name.toLowerCase()) ?? false;
    if (deleted) this.ctx.changed();
    return deleted;
  }

  clear(): void {
    this.identities.clear();
    this.fics.clear();
  }

  snapshot(): Pick<AzureStateSnapshot, 'identities' | 'federatedCredentials'> {
    return {
      identities: [...this.identities.values()],
      federatedCredentials: [...this.fics.values()].flatMap(m => [
        ...m.values(),
      ]),
    };
  }

  load(snapshot: AzureStateSnapshot): void {
    for (const i of snapshot.identities) this.identities.set(identityKey(i), i);
    for (const f of snapshot.federatedCredentials)
      mapFor(this.fics, f.identityKey).set(f.name.toLowerCase(), f);
  }
}

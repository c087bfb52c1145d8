import { randomUUID } from 'node:crypto';
import { idKey, isAtOrAbove, normalizeScope, resourceGroupScope } from '../ids';
import {
  AzureStateSnapshot,
  BlobRecord,
  CertificateRecord,
  FederatedCredentialRecord,
  GenericResourceRecord,
  ManagedClusterRecord,
  ManagedIdentityRecord,
  MessageRecord,
  PrincipalRecord,
  ResourceGroupRecord,
  RoleAssignmentRecord,
  RoleDefinitionRecord,
  SecretRecord,
} from './types';

export interface AzureStateOptions {
  tenantId: string;
  /** Other directories that exist at the same authority; the twin holds nothing in them. */
  otherTenantIds?: string[];
  /** Subscriptions that exist; requests to others get `SubscriptionNotFound`. */
  subscriptionIds: string[];
  now?: () => number;
}

/**
 * The in-memory Azure world. A dumb, typed store: validation and ARM error
 * shapes live in the routes, so seeding code (tests, the demo, the Kubernetes
 * half) can put any state, including states ARM itself would refuse to create.
 */
export class AzureState {
  readonly tenantId: string;
  readonly otherTenantIds: string[];
  readonly subscriptionIds: string[];
  readonly now: () => number;

  private resourceGroups = new Map<string, ResourceGroupRecord>();
  private identities = new Map<string, ManagedIdentityRecord>();
  /** identity key → (fic name lower-cased → record), in creation order. */
  private fics = new Map<string, Map<string, FederatedCredentialRecord>>();
  private roleAssignments = new Map<string, RoleAssignmentRecord>();
  private customRoles = new Map<string, RoleDefinitionRecord>();
  private clusters = new Map<string, ManagedClusterRecord>();
  private resources = new Map<string, GenericResourceRecord>();
  private principals = new Map<string, PrincipalRecord>();
  private blobs = new Map<string, Map<string, BlobRecord>>();
  private secrets = new Map<string, Map<string, SecretRecord>>();
  private certificates = new Map<string, Map<string, CertificateRecord>>();
  private messages = new Map<string, MessageRecord[]>();
  private sequence = 0;
  private listeners: Array<() => void> = [];

  constructor(options: AzureStateOptions) {
    this.tenantId = options.tenantId;
    this.otherTenantIds = options.otherTenantIds ?? [];
    this.subscriptionIds = options.subscriptionIds;
    this.now = options.now ?? Date.now;
  }

  /** Called after every change (the snapshot writer listens). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** Makes a subscription exist (the demo spans several). */
  addSubscription(subscriptionId: string): void {
    if (!this.hasSubscription(subscriptionId)) {
      (this.subscriptionIds as string[]).push(subscriptionId);
    }
  }

  hasSubscription(subscriptionId: string): boolean {
    return this.subscriptionIds.some(
      s => s.toLowerCase() === subscriptionId.toLowerCase(),
    );
  }

  // --- resource groups -----------------------------------------------------

  putResourceGroup(
    rg: Omit<ResourceGroupRecord, 'tags'> & { tags?: Record<string, string> },
  ): ResourceGroupRecord {
    const existing = this.getResourceGroup(rg.subscriptionId, rg.name);
    // ARM keeps the casing of the first create.
    const record = { tags: {}, ...rg, name: existing?.name ?? rg.name };
    this.resourceGroups.set(
      idKey(resourceGroupScope(rg.subscriptionId, rg.name)),
      record,
    );
    this.changed();
    return record;
  }

  getResourceGroup(
    subscriptionId: string,
    name: string,
  ): ResourceGroupRecord | undefined {
    return this.resourceGroups.get(
      idKey(resourceGroupScope(subscriptionId, name)),
    );
  }

  listResourceGroups(subscriptionId: string): ResourceGroupRecord[] {
    return [...this.resourceGroups.values()].filter(
      r => r.subscriptionId.toLowerCase() === subscriptionId.toLowerCase(),
    );
  }

  /** Deletes the group and every resource in it, as ARM does. */
  deleteResourceGroup(subscriptionId: string, name: string): boolean {
    const scope = resourceGroupScope(subscriptionId, name);
    if (!this.resourceGroups.delete(idKey(scope))) return false;
    for (const identity of this.listIdentities({
      subscriptionId,
      resourceGroup: name,
    })) {
      this.deleteIdentity(
        identity.subscriptionId,
        identity.resourceGroup,
        identity.name,
      );
    }
    for (const [k, c] of this.clusters)
      if (isAtOrAbove(scope, clusterId(c))) this.clusters.delete(k);
    for (const [k, r] of this.resources)
      if (isAtOrAbove(scope, r.id)) this.resources.delete(k);
    this.changed();
    return true;
  }

  // --- managed identities --------------------------------------------------

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
      tenantId: this.tenantId,
      principalId: existing?.principalId ?? randomUUID(),
      clientId: existing?.clientId ?? randomUUID(),
      isolationScope: 'None',
      createdAt: existing?.createdAt ?? this.now(),
      ...existing,
      ...stripUndefined(input),
      name: existing?.name ?? input.name,
    };
    this.identities.set(identityKey(record), record);
    const principal = this.principals.get(record.principalId.toLowerCase());
    this.principals.set(record.principalId.toLowerCase(), {
      objectId: record.principalId,
      appId: record.clientId,
      displayName: record.name,
      kind: 'ManagedIdentity',
      createdAt: principal?.createdAt ?? record.createdAt,
    });
    this.changed();
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
    this.principals.delete(record.principalId.toLowerCase());
    this.changed();
    return true;
  }

  // --- federated identity credentials --------------------------------------

  putFederatedCredential(
    identity: ManagedIdentityRecord,
    fic: Omit<FederatedCredentialRecord, 'identityKey' | 'updatedAt'> & {
      updatedAt?: number;
    },
  ): FederatedCredentialRecord {
    const key = identityKey(identity);
    const list =
      this.fics.get(key) ?? new Map<string, FederatedCredentialRecord>();
    const existing = list.get(fic.name.toLowerCase());
    const record: FederatedCredentialRecord = {
      ...fic,
      name: existing?.name ?? fic.name,
      identityKey: key,
      updatedAt: fic.updatedAt ?? this.now(),
    };
    list.set(fic.name.toLowerCase(), record);
    this.fics.set(key, list);
    this.changed();
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
    if (deleted) this.changed();
    return deleted;
  }

  // --- role assignments and custom role definitions -------------------------

  putRoleAssignment(
    ra: Omit<
      RoleAssignmentRecord,
      | 'createdOn'
      | 'updatedOn'
      | 'createdBy'
      | 'updatedBy'
      | 'delegatedManagedIdentityResourceId'
      | 'description'
      | 'condition'
      | 'conditionVersion'
    > &
      Partial<RoleAssignmentRecord>,
  ): RoleAssignmentRecord {
    const now = new Date(this.now()).toISOString();
    const existing = this.roleAssignments.get(ra.name.toLowerCase());
    const record: RoleAssignmentRecord = {
      description: null,
      condition: null,
      conditionVersion: null,
      createdBy: null,
      updatedBy: null,
      delegatedManagedIdentityResourceId: null,
      createdOn: existing?.createdOn ?? now,
      updatedOn: now,
      ...stripUndefined(ra),
      scope: normalizeScope(ra.scope),
    };
    this.roleAssignments.set(ra.name.toLowerCase(), record);
    this.changed();
    return record;
  }

  getRoleAssignment(name: string): RoleAssignmentRecord | undefined {
    return this.roleAssignments.get(name.toLowerCase());
  }

  listRoleAssignments(): RoleAssignmentRecord[] {
    return [...this.roleAssignments.values()];
  }

  deleteRoleAssignment(name: string): boolean {
    const deleted = this.roleAssignments.delete(name.toLowerCase());
    if (deleted) this.changed();
    return deleted;
  }

  putCustomRoleDefinition(role: RoleDefinitionRecord): void {
    this.customRoles.set(role.id.toLowerCase(), {
      ...role,
      type: 'CustomRole',
    });
    this.changed();
  }

  listCustomRoleDefinitions(): RoleDefinitionRecord[] {
    return [...this.customRoles.values()];
  }

  // --- managed clusters ----------------------------------------------------

  /**
   * Seeds or replaces an AKS cluster. The Kubernetes half calls this with the
   * issuer URL its own twin serves, so FICs naming that URL can be verified.
   */
  putManagedCluster(
    input: Pick<
      ManagedClusterRecord,
      'subscriptionId' | 'resourceGroup' | 'name'
    > &
      Partial<ManagedClusterRecord>,
  ): ManagedClusterRecord {
    const record: ManagedClusterRecord = {
      location: 'eastus',
      kubernetesVersion: '1.31.2',
      fqdn: `${input.name}-dns.hcp.eastus.azmk8s.io`,
      oidcIssuerEnabled: Boolean(input.issuerUrl),
      workloadIdentityEnabled: Boolean(input.issuerUrl),
      identity: {
        type: 'SystemAssigned',
        principalId: randomUUID(),
        tenantId: this.tenantId,
      },
      ...stripUndefined(input),
    };
    this.clusters.set(idKey(clusterId(record)), record);
    this.changed();
    return record;
  }

  getManagedCluster(
    subscriptionId: string,
    resourceGroup: string,
    name: string,
  ): ManagedClusterRecord | undefined {
    return this.clusters.get(
      idKey(clusterId({ subscriptionId, resourceGroup, name })),
    );
  }

  listManagedClusters(filter: {
    subscriptionId: string;
    resourceGroup?: string;
  }): ManagedClusterRecord[] {
    return [...this.clusters.values()].filter(
      c =>
        c.subscriptionId.toLowerCase() ===
          filter.subscriptionId.toLowerCase() &&
        (!filter.resourceGroup ||
          c.resourceGroup.toLowerCase() === filter.resourceGroup.toLowerCase()),
    );
  }

  deleteManagedCluster(
    subscriptionId: string,
    resourceGroup: string,
    name: string,
  ): boolean {
    const deleted = this.clusters.delete(
      idKey(clusterId({ subscriptionId, resourceGroup, name })),
    );
    if (deleted) this.changed();
    return deleted;
  }

  // --- generic resources ---------------------------------------------------

  putResource(resource: GenericResourceRecord): GenericResourceRecord {
    const record = { ...resource, id: normalizeScope(resource.id) };
    const existing = this.resources.get(idKey(record.id));
    if (existing) record.id = existing.id;
    this.resources.set(idKey(record.id), record);
    this.changed();
    return record;
  }

  getResource(id: string): GenericResourceRecord | undefined {
    return this.resources.get(idKey(id));
  }

  /** Resources whose id lies under `scope` (any depth), optionally of one type. */
  listResources(scope: string, type?: string): GenericResourceRecord[] {
    return [...this.resources.values()].filter(
      r =>
        isAtOrAbove(scope, r.id) &&
        !sameKey(r.id, scope) &&
        (!type || r.type.toLowerCase() === type.toLowerCase()),
    );
  }

  /** Deletes a resource and its children (containers, queues...) with their data. */
  deleteResource(id: string): boolean {
    if (!this.resources.has(idKey(id))) return false;
    for (const [k, r] of this.resources)
      if (isAtOrAbove(id, r.id)) this.resources.delete(k);
    for (const map of [
      this.blobs,
      this.secrets,
      this.certificates,
      this.messages,
    ] as Map<string, unknown>[]) {
      for (const k of map.keys()) if (isAtOrAbove(id, k)) map.delete(k);
    }
    this.changed();
    return true;
  }

  // --- directory -----------------------------------------------------------

  putPrincipal(
    principal: Omit<PrincipalRecord, 'createdAt'> & { createdAt?: number },
  ): PrincipalRecord {
    const record = { createdAt: this.now(), ...principal };
    this.principals.set(principal.objectId.toLowerCase(), record);
    this.changed();
    return record;
  }

  getPrincipal(objectId: string): PrincipalRecord | undefined {
    return this.principals.get(objectId.toLowerCase());
  }

  findPrincipalByAppId(appId: string): PrincipalRecord | undefined {
    const a = appId.toLowerCase();
    return [...this.principals.values()].find(
      p => p.appId?.toLowerCase() === a,
    );
  }

  // --- data plane items ----------------------------------------------------

  putBlob(containerId: string, name: string, blob: BlobRecord): void {
    mapFor(this.blobs, idKey(containerId)).set(name, blob);
    this.changed();
  }

  getBlob(containerId: string, name: string): BlobRecord | undefined {
    return this.blobs.get(idKey(containerId))?.get(name);
  }

  listBlobs(containerId: string): Array<[string, BlobRecord]> {
    return [
      ...(
        this.blobs.get(idKey(containerId)) ?? new Map<string, BlobRecord>()
      ).entries(),
    ].sort(([a], [b]) => a.localeCompare(b));
  }

  deleteBlob(containerId: string, name: string): boolean {
    const deleted = this.blobs.get(idKey(containerId))?.delete(name) ?? false;
    if (deleted) this.changed();
    return deleted;
  }

  putSecret(
    vaultId: string,
    name: string,
    secret: Omit<SecretRecord, 'version' | 'updated' | 'enabled'> &
      Partial<SecretRecord>,
  ): SecretRecord {
    const record: SecretRecord = {
      version: randomUUID().replace(/-/g, ''),
      updated: this.now(),
      enabled: true,
      ...secret,
    };
    mapFor(this.secrets, idKey(vaultId)).set(name.toLowerCase(), record);
    this.changed();
    return record;
  }

  getSecret(vaultId: string, name: string): SecretRecord | undefined {
    return this.secrets.get(idKey(vaultId))?.get(name.toLowerCase());
  }

  listSecrets(vaultId: string): Array<[string, SecretRecord]> {
    return [
      ...(
        this.secrets.get(idKey(vaultId)) ?? new Map<string, SecretRecord>()
      ).entries(),
    ];
  }

  putCertificate(
    vaultId: string,
    name: string,
    cert: Omit<CertificateRecord, 'version' | 'updated' | 'enabled'> &
      Partial<CertificateRecord>,
  ): CertificateRecord {
    const record: CertificateRecord = {
      version: randomUUID().replace(/-/g, ''),
      updated: this.now(),
      enabled: true,
      ...cert,
    };
    mapFor(this.certificates, idKey(vaultId)).set(name.toLowerCase(), record);
    this.changed();
    return record;
  }

  getCertificate(vaultId: string, name: string): CertificateRecord | undefined {
    return this.certificates.get(idKey(vaultId))?.get(name.toLowerCase());
  }

  listCertificates(vaultId: string): Array<[string, CertificateRecord]> {
    return [
      ...(
        this.certificates.get(idKey(vaultId)) ??
        new Map<string, CertificateRecord>()
      ).entries(),
    ];
  }

  enqueueMessage(
    entityId: string,
    message: Omit<
      MessageRecord,
      'sequenceNumber' | 'enqueuedAt' | 'messageId'
    > &
      Partial<MessageRecord>,
  ): MessageRecord {
    const record: MessageRecord = {
      messageId: randomUUID(),
      enqueuedAt: this.now(),
      sequenceNumber: ++this.sequence,
      ...message,
    };
    const queue = this.messages.get(idKey(entityId)) ?? [];
    queue.push(record);
    this.messages.set(idKey(entityId), queue);
    this.changed();
    return record;
  }

  /** Receive-and-delete of the oldest message. */
  dequeueMessage(entityId: string): MessageRecord | undefined {
    const message = this.messages.get(idKey(entityId))?.shift();
    if (message) this.changed();
    return message;
  }

  // --- whole-state operations ----------------------------------------------

  /** Empties everything (the admin reset, before re-seeding). */
  clear(): void {
    for (const map of [
      this.resourceGroups,
      this.identities,
      this.fics,
      this.roleAssignments,
      this.customRoles,
      this.clusters,
      this.resources,
      this.principals,
      this.blobs,
      this.secrets,
      this.certificates,
      this.messages,
    ] as Map<string, unknown>[]) {
      map.clear();
    }
    this.changed();
  }

  toSnapshot(): AzureStateSnapshot {
    return {
      version: 1,
      resourceGroups: [...this.resourceGroups.values()],
      identities: [...this.identities.values()],
      federatedCredentials: [...this.fics.values()].flatMap(m => [
        ...m.values(),
      ]),
      roleAssignments: [...this.roleAssignments.values()],
      customRoleDefinitions: [...this.customRoles.values()],
      managedClusters: [...this.clusters.values()],
      resources: [...this.resources.values()],
      principals: [...this.principals.values()],
      blobs: flatten(this.blobs).map(([containerId, name, blob]) => ({
        containerId,
        name,
        blob,
      })),
      secrets: flatten(this.secrets).map(([vaultId, name, secret]) => ({
        vaultId,
        name,
        secret,
      })),
      certificates: flatten(this.certificates).map(
        ([vaultId, name, certificate]) => ({ vaultId, name, certificate }),
      ),
      messages: [...this.messages.entries()].flatMap(([entityId, list]) =>
        list.map(message => ({ entityId, message })),
      ),
    };
  }

  loadSnapshot(snapshot: AzureStateSnapshot): void {
    this.clear();
    for (const rg of snapshot.resourceGroups) {
      this.resourceGroups.set(
        idKey(resourceGroupScope(rg.subscriptionId, rg.name)),
        rg,
      );
      // A subscription that holds a resource group exists; without this a restart from the
      // saved world would answer SubscriptionNotFound for every subscription but the first.
      this.addSubscription(rg.subscriptionId);
    }
    for (const i of snapshot.identities) this.identities.set(identityKey(i), i);
    for (const f of snapshot.federatedCredentials)
      mapFor(this.fics, f.identityKey).set(f.name.toLowerCase(), f);
    for (const ra of snapshot.roleAssignments)
      this.roleAssignments.set(ra.name.toLowerCase(), ra);
    for (const r of snapshot.customRoleDefinitions)
      this.customRoles.set(r.id.toLowerCase(), r);
    for (const c of snapshot.managedClusters)
      this.clusters.set(idKey(clusterId(c)), c);
    for (const r of snapshot.resources) this.resources.set(idKey(r.id), r);
    for (const p of snapshot.principals)
      this.principals.set(p.objectId.toLowerCase(), p);
    for (const b of snapshot.blobs)
      mapFor(this.blobs, idKey(b.containerId)).set(b.name, b.blob);
    for (const s of snapshot.secrets)
      mapFor(this.secrets, idKey(s.vaultId)).set(s.name, s.secret);
    for (const c of snapshot.certificates)
      mapFor(this.certificates, idKey(c.vaultId)).set(c.name, c.certificate);
    for (const m of snapshot.messages) {
      const list = this.messages.get(idKey(m.entityId)) ?? [];
      list.push(m.message);
      this.messages.set(idKey(m.entityId), list);
      this.sequence = Math.max(this.sequence, m.message.sequenceNumber);
    }
    this.changed();
  }
}

export function identityId(
  i: Pick<ManagedIdentityRecord, 'subscriptionId' | 'resourceGroup' | 'name'>,
): string {
  return `${resourceGroupScope(
    i.subscriptionId,
    i.resourceGroup,
  )}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${i.name}`;
}

export function clusterId(
  c: Pick<ManagedClusterRecord, 'subscriptionId' | 'resourceGroup' | 'name'>,
): string {
  return `${resourceGroupScope(
    c.subscriptionId,
    c.resourceGroup,
  )}/providers/Microsoft.ContainerService/managedClusters/${c.name}`;
}

function identityKey(
  i: Pick<ManagedIdentityRecord, 'subscriptionId' | 'resourceGroup' | 'name'>,
): string {
  return idKey(identityId(i));
}

function sameKey(a: string, b: string): boolean {
  return idKey(a) === idKey(b);
}

function mapFor<V>(
  outer: Map<string, Map<string, V>>,
  key: string,
): Map<string, V> {
  let inner = outer.get(key);
  if (!inner) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

function flatten<V>(
  outer: Map<string, Map<string, V>>,
): Array<[string, string, V]> {
  return [...outer.entries()].flatMap(([k, inner]) =>
    [...inner.entries()].map(([n, v]) => [k, n, v] as [string, string, V]),
  );
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined),
  ) as T;
}

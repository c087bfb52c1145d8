import { randomUUID } from 'node:crypto';
import { idKey, isAtOrAbove, normalizeScope, resourceGroupScope } from '../ids';
import { DataPlaneStore } from './dataPlaneStore';
import { IdentityStore } from './identityStore';
import {
  clusterId,
  sameKey,
  StateContext,
  stripUndefined,
} from './stateSupport';
import {
  AzureStateSnapshot,
  GenericResourceRecord,
  ManagedClusterRecord,
  ResourceGroupRecord,
} from './types';

/**
 * ARM's resource groups and what lives in them besides identities: managed clusters and
 * generic resources (storage accounts, vaults, namespaces and their children). Deleting a
 * group takes its identities, clusters and resources with it, as ARM does.
 */
export class ResourceStore {
  private resourceGroups = new Map<string, ResourceGroupRecord>();
  private clusters = new Map<string, ManagedClusterRecord>();
  private resources = new Map<string, GenericResourceRecord>();

  constructor(
    private readonly ctx: StateContext,
    private readonly identities: IdentityStore,
    private readonly dataPlane: DataPlaneStore,
  ) {}

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
    this.ctx.changed();
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
    for (const identity of this.identities.listIdentities({
      subscriptionId,
      resourceGroup: name,
    })) {
      this.identities.deleteIdentity(
        identity.subscriptionId,
        identity.resourceGroup,
        identity.name,
      );
    }
    for (const [k, c] of this.clusters)
      if (isAtOrAbove(scope, clusterId(c))) this.clusters.delete(k);
    for (const [k, r] of this.resources)
      if (isAtOrAbove(scope, r.id)) this.resources.delete(k);
    this.ctx.changed();
    return true;
  }

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
        tenantId: this.ctx.tenantId,
      },
      ...stripUndefined(input),
    };
    this.clusters.set(idKey(clusterId(record)), record);
    this.ctx.changed();
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
    if (deleted) this.ctx.changed();
    return deleted;
  }

  putResource(resource: GenericResourceRecord): GenericResourceRecord {
    const record = { ...resource, id: normalizeScope(resource.id) };
    const existing = this.resources.get(idKey(record.id));
    if (existing) record.id = existing.id;
    this.resources.set(idKey(record.id), record);
    this.ctx.changed();
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
    this.dataPlane.deleteUnder(id);
    this.ctx.changed();
    return true;
  }

  clear(): void {
    this.resourceGroups.clear();
    this.clusters.clear();
    this.resources.clear();
  }

  snapshot(): Pick<
    AzureStateSnapshot,
    'resourceGroups' | 'managedClusters' | 'resources'
  > {
    return {
      resourceGroups: [...this.resourceGroups.values()],
      managedClusters: [...this.clusters.values()],
      resources: [...this.resources.values()],
    };
  }

  load(snapshot: AzureStateSnapshot): void {
    for (const rg of snapshot.resourceGroups)
      this.resourceGroups.set(
        idKey(resourceGroupScope(rg.subscriptionId, rg.name)),
        rg,
      );
    for (const c of snapshot.managedClusters)
      this.clusters.set(idKey(clusterId(c)), c);
    for (const r of snapshot.resources) this.resources.set(idKey(r.id), r);
  }
}

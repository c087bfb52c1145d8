import { DataPlaneStore } from './dataPlaneStore';
import { DirectoryStore } from './directoryStore';
import { IdentityStore } from './identityStore';
import { ResourceStore } from './resourceStore';
import { RoleStore } from './roleStore';
import { StateContext } from './stateSupport';
import { AzureStateSnapshot } from './types';

export { clusterId, identityId } from './stateSupport';

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
 *
 * One object for callers, whose records live in a store per concern: the
 * directory, identities with their FICs, roles, ARM resources, the data plane.
 * Their methods are this object's methods.
 */
export class AzureState implements StateContext {
  readonly tenantId: string;
  readonly otherTenantIds: string[];
  readonly subscriptionIds: string[];
  readonly now: () => number;

  private listeners: Array<() => void> = [];
  // The stores read tenantId and now through `this` when called, after the constructor ran.
  private readonly directory = new DirectoryStore(this);
  private readonly identities = new IdentityStore(this, this.directory);
  private readonly roles = new RoleStore(this);
  private readonly dataPlane = new DataPlaneStore(this);
  private readonly resources = new ResourceStore(
    this,
    this.identities,
    this.dataPlane,
  );

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

  /** Tells the listeners; the stores call it after each change. */
  changed(): void {
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

  // --- resource groups, managed clusters, generic resources (resourceStore.ts)
  readonly putResourceGroup = this.resources.putResourceGroup.bind(
    this.resources,
  );
  readonly getResourceGroup = this.resources.getResourceGroup.bind(
    this.resources,
  );
  readonly listResourceGroups = this.resources.listResourceGroups.bind(
    this.resources,
  );
  readonly deleteResourceGroup = this.resources.deleteResourceGroup.bind(
    this.resources,
  );
  readonly putManagedCluster = this.resources.putManagedCluster.bind(
    this.resources,
  );
  readonly getManagedCluster = this.resources.getManagedCluster.bind(
    this.resources,
  );
  readonly listManagedClusters = this.resources.listManagedClusters.bind(
    this.resources,
  );
  readonly deleteManagedCluster = this.resources.deleteManagedCluster.bind(
    this.resources,
  );
  readonly putResource = this.resources.putResource.bind(this.resources);
  readonly getResource = this.resources.getResource.bind(this.resources);
  readonly listResources = this.resources.listResources.bind(this.resources);
  readonly deleteResource = this.resources.deleteResource.bind(this.resources);

  // --- managed identities and federated credentials (identityStore.ts)
  readonly putManagedIdentity = this.identities.putManagedIdentity.bind(
    this.identities,
  );
  readonly getIdentity = this.identities.getIdentity.bind(this.identities);
  readonly findIdentityByClientId = this.identities.findIdentityByClientId.bind(
    this.identities,
  );
  readonly listIdentities = this.identities.listIdentities.bind(
    this.identities,
  );
  readonly deleteIdentity = this.identities.deleteIdentity.bind(
    this.identities,
  );
  readonly putFederatedCredential = this.identities.putFederatedCredential.bind(
    this.identities,
  );
  readonly listFederatedCredentials =
    this.identities.listFederatedCredentials.bind(this.identities);
  readonly getFederatedCredential = this.identities.getFederatedCredential.bind(
    this.identities,
  );
  readonly deleteFederatedCredential =
    this.identities.deleteFederatedCredential.bind(this.identities);

  // --- role assignments and custom role definitions (roleStore.ts)
  readonly putRoleAssignment = this.roles.putRoleAssignment.bind(this.roles);
  readonly getRoleAssignment = this.roles.getRoleAssignment.bind(this.roles);
  readonly listRoleAssignments = this.roles.listRoleAssignments.bind(
    this.roles,
  );
  readonly deleteRoleAssignment = this.roles.deleteRoleAssignment.bind(
    this.roles,
  );
  readonly putCustomRoleDefinition = this.roles.putCustomRoleDefinition.bind(
    this.roles,
  );
  readonly listCustomRoleDefinitions =
    this.roles.listCustomRoleDefinitions.bind(this.roles);

  // --- the directory (directoryStore.ts)
  readonly putPrincipal = this.directory.putPrincipal.bind(this.directory);
  readonly getPrincipal = this.directory.getPrincipal.bind(this.directory);
  readonly findPrincipalByAppId = this.directory.findPrincipalByAppId.bind(
    this.directory,
  );

  // --- data plane items (dataPlaneStore.ts)
  readonly putBlob = this.dataPlane.putBlob.bind(this.dataPlane);
  readonly getBlob = this.dataPlane.getBlob.bind(this.dataPlane);
  readonly listBlobs = this.dataPlane.listBlobs.bind(this.dataPlane);
  readonly deleteBlob = this.dataPlane.deleteBlob.bind(this.dataPlane);
  readonly putSecret = this.dataPlane.putSecret.bind(this.dataPlane);
  readonly getSecret = this.dataPlane.getSecret.bind(this.dataPlane);
  readonly listSecrets = this.dataPlane.listSecrets.bind(this.dataPlane);
  readonly putCertificate = this.dataPlane.putCertificate.bind(this.dataPlane);
  readonly getCertificate = this.dataPlane.getCertificate.bind(this.dataPlane);
  readonly listCertificates = this.dataPlane.listCertificates.bind(
    this.dataPlane,
  );
  readonly enqueueMessage = this.dataPlane.enqueueMessage.bind(this.dataPlane);
  readonly dequeueMessage = this.dataPlane.dequeueMessage.bind(this.dataPlane);

  // --- whole-state operations

  /** Empties everything (the admin reset, before re-seeding). */
  clear(): void {
    for (const store of this.stores()) store.clear();
    this.changed();
  }

  toSnapshot(): AzureStateSnapshot {
    const resources = this.resources.snapshot();
    const identities = this.identities.snapshot();
    const roles = this.roles.snapshot();
    const dataPlane = this.dataPlane.snapshot();
    // Key order as the snapshot file has always been written.
    return {
      version: 1,
      resourceGroups: resources.resourceGroups,
      identities: identities.identities,
      federatedCredentials: identities.federatedCredentials,
      roleAssignments: roles.roleAssignments,
      customRoleDefinitions: roles.customRoleDefinitions,
      managedClusters: resources.managedClusters,
      resources: resources.resources,
      principals: this.directory.snapshot().principals,
      ...dataPlane,
    };
  }

  loadSnapshot(snapshot: AzureStateSnapshot): void {
    this.clear();
    // A subscription that holds a resource group exists; without this a restart from the
    // saved world would answer SubscriptionNotFound for every subscription but the first.
    for (const rg of snapshot.resourceGroups)
      this.addSubscription(rg.subscriptionId);
    for (const store of this.stores()) store.load(snapshot);
    this.changed();
  }

  private stores() {
    return [
      this.resources,
      this.identities,
      this.roles,
      this.directory,
      this.dataPlane,
    ];
  }
}

import {
  ClusterFacts,
  FederatedCredentialFacts,
  IdentityFacts,
  PreflightReader,
  RoleAssignmentFacts,
} from '../clients/PreflightReader';

/** A plain fake of the live world for planner and API tests: fill in what a test needs. */
export class InMemoryPreflightReader implements PreflightReader {
  readonly clusters = new Map<string, ClusterFacts>();
  /** `cluster/namespace` */
  readonly namespaces = new Set<string>();
  /** Lower-cased, as ARM compares them. */
  readonly resources = new Set<string>();
  /** Keyed by lower-cased resource id. */
  readonly identities = new Map<string, IdentityFacts>();
  readonly federatedCredentials = new Map<string, FederatedCredentialFacts[]>();
  readonly roleAssignments = new Map<string, RoleAssignmentFacts[]>();
  /** `subscription/group`, lower-cased, of resource groups that do not exist; all others do. */
  readonly missingResourceGroups = new Set<string>();
  /** Every read, so tests can assert that nothing was read. */
  readonly reads: string[] = [];

  addCluster(cluster: ClusterFacts, namespaces: string[] = []): this {
    this.clusters.set(cluster.name, cluster);
    namespaces.forEach(ns => this.namespaces.add(`${cluster.name}/${ns}`));
    return this;
  }

  withoutResourceGroup(subscriptionId: string, resourceGroup: string): this {
    this.missingResourceGroups.add(
      `${subscriptionId}/${resourceGroup}`.toLowerCase(),
    );
    return this;
  }

  async resourceGroupExists(options: {
    subscriptionId: string;
    resourceGroup: string;
  }) {
    this.reads.push(
      `resource group ${options.subscriptionId}/${options.resourceGroup}`,
    );
    return !this.missingResourceGroups.has(
      `${options.subscriptionId}/${options.resourceGroup}`.toLowerCase(),
    );
  }

  addResources(...resourceIds: string[]): this {
    resourceIds.forEach(id => this.resources.add(id.toLowerCase()));
    return this;
  }

  addIdentity(
    identity: IdentityFacts,
    federatedCredentials: FederatedCredentialFacts[] = [],
    roleAssignments: RoleAssignmentFacts[] = [],
  ): this {
    const key = identity.resourceId.toLowerCase();
    this.identities.set(key, identity);
    this.federatedCredentials.set(key, federatedCredentials);
    this.roleAssignments.set(identity.principalId, roleAssignments);
    return this;
  }

  async getCluster(options: { name: string }) {
    this.reads.push(`cluster ${options.name}`);
    return this.clusters.get(options.name);
  }

  async namespaceExists(options: { cluster: string; namespace: string }) {
    this.reads.push(`namespace ${options.cluster}/${options.namespace}`);
    return this.namespaces.has(`${options.cluster}/${options.namespace}`);
  }

  async resourceExists(options: { resourceId: string }) {
    this.reads.push(`resource ${options.resourceId}`);
    return this.resources.has(options.resourceId.toLowerCase());
  }

  async getIdentity(options: { resourceId: string }) {
    this.reads.push(`identity ${options.resourceId}`);
    return this.identities.get(options.resourceId.toLowerCase());
  }

  async listFederatedCredentials(options: { identityResourceId: string }) {
    this.reads.push(`fics ${options.identityResourceId}`);
    return (
      this.federatedCredentials.get(options.identityResourceId.toLowerCase()) ??
      []
    );
  }

  async listRoleAssignments(options: { principalId: string }) {
    this.reads.push(`assignments ${options.principalId}`);
    return this.roleAssignments.get(options.principalId) ?? [];
  }
}

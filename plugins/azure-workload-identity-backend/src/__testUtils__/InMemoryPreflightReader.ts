import { parseResourceId } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  ClusterFacts,
  FederatedCredentialFacts,
  IdentityFacts,
  PodFacts,
  PreflightReader,
  RoleAssignmentFacts,
} from '../clients/PreflightReader';

/** The annotation on a namespace naming its owners. */
export const NAMESPACE_OWNER = 'azure-workload-identity.backstage.io/owner';

/** A plain fake of the live world for planner and API tests: fill in what a test needs. */
export class InMemoryPreflightReader implements PreflightReader {
  readonly clusters = new Map<string, ClusterFacts>();
  /** `cluster/namespace` → its annotations. */
  readonly namespaces = new Map<string, Record<string, string>>();
  /** `cluster/namespace/name` → annotations. */
  readonly serviceAccounts = new Map<string, Record<string, string>>();
  /** `cluster/namespace` → pods. */
  readonly pods = new Map<string, PodFacts[]>();
  /** Lower-cased top-level resource id → tags. */
  readonly resourceTags = new Map<string, Record<string, string>>();
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

  /** Namespaces are owned by `owner` unless told otherwise (`ownNamespace`). */
  addCluster(
    cluster: ClusterFacts,
    namespaces: string[] = [],
    owner = 'group:default/team-orders',
  ): this {
    this.clusters.set(cluster.name, cluster);
    namespaces.forEach(ns =>
      this.namespaces.set(`${cluster.name}/${ns}`, {
        [NAMESPACE_OWNER]: owner,
      }),
    );
    return this;
  }

  /** Sets a namespace's owner annotation; undefined leaves the namespace unowned. */
  ownNamespace(cluster: string, namespace: string, owner?: string): this {
    this.namespaces.set(
      `${cluster}/${namespace}`,
      owner ? { [NAMESPACE_OWNER]: owner } : {},
    );
    return this;
  }

  addServiceAccount(
    cluster: string,
    namespace: string,
    name: string,
    annotations: Record<string, string> = {},
  ): this {
    this.serviceAccounts.set(`${cluster}/${namespace}/${name}`, annotations);
    return this;
  }

  addPod(cluster: string, namespace: string, pod: PodFacts): this {
    const key = `${cluster}/${namespace}`;
    this.pods.set(key, [...(this.pods.get(key) ?? []), pod]);
    return this;
  }

  tagResource(resourceId: string, tags: Record<string, string>): this {
    this.resourceTags.set(resourceId.toLowerCase(), tags);
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

  async getNamespace(options: { cluster: string; namespace: string }) {
    this.reads.push(`namespace ${options.cluster}/${options.namespace}`);
    const annotations = this.namespaces.get(
      `${options.cluster}/${options.namespace}`,
    );
    return annotations && { name: options.namespace, annotations };
  }

  async getServiceAccount(options: {
    cluster: string;
    namespace: string;
    name: string;
  }) {
    const key = `${options.cluster}/${options.namespace}/${options.name}`;
    this.reads.push(`service account ${key}`);
    const annotations = this.serviceAccounts.get(key);
    return annotations && { annotations };
  }

  async listPods(options: { cluster: string; namespace: string }) {
    this.reads.push(`pods ${options.cluster}/${options.namespace}`);
    return this.pods.get(`${options.cluster}/${options.namespace}`) ?? [];
  }

  async getResourceTags(options: { resourceId: string }) {
    const top = parseResourceId(options.resourceId)?.resourceId;
    this.reads.push(`tags ${top}`);
    if (!top || !this.resources.has(top.toLowerCase())) return undefined;
    return this.resourceTags.get(top.toLowerCase()) ?? {};
  }

  async findIdentityByClientId(options: { clientId: string }) {
    this.reads.push(`identity by client id ${options.clientId}`);
    return [...this.identities.values()].find(
      i => i.clientId.toLowerCase() === options.clientId.toLowerCase(),
    );
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

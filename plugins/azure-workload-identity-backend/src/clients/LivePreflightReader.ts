import { AzureReader } from './azure/AzureArmReader';
import { KubernetesReader } from './kubernetes/KubernetesNamespaceReader';
import {
  ClusterFacts,
  FederatedCredentialFacts,
  IdentityFacts,
  NamespaceFacts,
  PodFacts,
  PreflightReader,
  ServiceAccountFacts,
  RoleAssignmentFacts,
} from './PreflightReader';

/** What the live reader knows of a cluster from configuration: where to find it in ARM. */
export interface ClusterCoordinates {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  environment?: ClusterFacts['environment'];
  namespaceEnvironments?: ClusterFacts['namespaceEnvironments'];
}

/**
 * The PreflightReader on live Azure and Kubernetes. Clusters are the configured ones only: a
 * cluster name outside the list is "not known to the portal", without asking ARM, so a
 * requester cannot make the portal probe arbitrary subscriptions.
 */
export class LivePreflightReader implements PreflightReader {
  private readonly azure: AzureReader;
  private readonly kubernetes: KubernetesReader;
  private readonly clusters: Map<string, ClusterCoordinates>;
  private readonly subscriptionIds: string[];

  constructor(options: {
    azure: AzureReader;
    kubernetes: KubernetesReader;
    clusters: ClusterCoordinates[];
    /**
     * Where role assignments are looked up besides the clusters' subscriptions, e.g. the
     * identities' subscription: ARM lists assignments per subscription.
     */
    extraSubscriptionIds?: string[];
  }) {
    this.azure = options.azure;
    this.kubernetes = options.kubernetes;
    this.clusters = new Map(options.clusters.map(c => [c.name, c]));
    this.subscriptionIds = [
      ...options.clusters.map(c => c.subscriptionId),
      ...(options.extraSubscriptionIds ?? []),
    ];
  }

  async getCluster(options: {
    name: string;
  }): Promise<ClusterFacts | undefined> {
    const coordinates = this.clusters.get(options.name);
    if (!coordinates) return undefined;
    const cluster = await this.azure.getManagedCluster(coordinates);
    return (
      cluster && {
        ...cluster,
        environment: coordinates.environment,
        namespaceEnvironments: coordinates.namespaceEnvironments,
      }
    );
  }

  async getNamespace(options: {
    cluster: string;
    namespace: string;
  }): Promise<NamespaceFacts | undefined> {
    if (!this.clusters.has(options.cluster)) return undefined;
    return this.kubernetes.getNamespace(options);
  }

  async getServiceAccount(options: {
    cluster: string;
    namespace: string;
    name: string;
  }): Promise<ServiceAccountFacts | undefined> {
    if (!this.clusters.has(options.cluster)) return undefined;
    return this.kubernetes.getServiceAccount(options);
  }

  async listPods(options: {
    cluster: string;
    namespace: string;
  }): Promise<PodFacts[]> {
    if (!this.clusters.has(options.cluster)) return [];
    return this.kubernetes.listPods(options);
  }

  getResourceTags(options: {
    resourceId: string;
  }): Promise<Record<string, string> | undefined> {
    return this.azure.getResourceTags(options.resourceId);
  }

  findIdentityByClientId(options: {
    clientId: string;
  }): Promise<IdentityFacts | undefined> {
    return this.azure.findIdentityByClientId({
      clientId: options.clientId,
      subscriptionIds: this.subscriptionIds,
    });
  }

  resourceExists(options: { resourceId: string }): Promise<boolean> {
    return this.azure.resourceExists(options.resourceId);
  }

  resourceGroupExists(options: {
    subscriptionId: string;
    resourceGroup: string;
  }): Promise<boolean> {
    return this.azure.resourceGroupExists(options);
  }

  getIdentity(options: {
    resourceId: string;
  }): Promise<IdentityFacts | undefined> {
    return this.azure.getIdentity(options.resourceId);
  }

  listFederatedCredentials(options: {
    identityResourceId: string;
  }): Promise<FederatedCredentialFacts[]> {
    return this.azure.listFederatedCredentials(options.identityResourceId);
  }

  listRoleAssignments(options: {
    principalId: string;
  }): Promise<RoleAssignmentFacts[]> {
    return this.azure.listRoleAssignments({
      principalId: options.principalId,
      subscriptionIds: this.subscriptionIds,
    });
  }
}

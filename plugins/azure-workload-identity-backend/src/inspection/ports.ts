import {
  FederatedCredential,
  ManagedCluster,
  ManagedIdentity,
  RoleAssignment,
  RoleDefinition,
  TargetResource,
} from './azureTypes';
import {
  AadPodIdentityObjects,
  ConfigMap,
  KubeEvent,
  MutatingWebhookConfiguration,
  Namespace,
  Pod,
  SecretKeys,
  ServiceAccount,
  WebhookDeployment,
  Workload,
} from './kubernetesTypes';

/*
 * What inspection reads of Kubernetes and Azure Resource Manager, in its own terms. The live
 * readers are written against these rather than the SDK clients, so they are tested with plain
 * fakes, and a fleet scan can wrap the clients to list once per cluster or subscription.
 *
 * Answers are plain JSON in the upstream's own field names (`kubernetesTypes`, `azureTypes`).
 * A failed read throws what the upstream said, its HTTP status kept (`statusCode`, or `code`
 * for the Kubernetes client): `readOutcome` tells "absent" (404) from "could not tell".
 */

/** The Kubernetes reads of one cluster, by namespace or label selector (`K1`–`K8`, `K10`, `K11`). */
export interface KubernetesReads {
  /** In one namespace, or every namespace when none is given. */
  listWorkloads(options: {
    namespace?: string;
    labelSelector: string;
  }): Promise<Workload[]>;
  /** Running pods only: terminating ones are gone soon. */
  listPods(options: {
    namespace: string;
    labelSelector: string;
  }): Promise<Pod[]>;
  listServiceAccounts(namespace: string): Promise<ServiceAccount[]>;
  listWebhookConfigurations(): Promise<MutatingWebhookConfiguration[]>;
  /** The workload identity webhook's deployments, with their ready endpoints. */
  listWebhookDeployments(): Promise<WebhookDeployment[]>;
  /** `azure-wi-webhook-config`, in the namespace the webhook runs in. */
  getWebhookConfigMap(namespace: string): Promise<ConfigMap>;
  /** FailedCreate events of the last hour before `now`. */
  listFailedCreateEvents(namespace: string, now: Date): Promise<KubeEvent[]>;
  listNamespaces(): Promise<Namespace[]>;
  /** Key names only: values never leave the client. */
  listSecretKeys(namespace: string): Promise<SecretKeys[]>;
  /** Rejects with 404 where aad-pod-identity is not installed. */
  listAadPodIdentity(namespace: string): Promise<AadPodIdentityObjects>;
}

/** The same reads for every namespace at once: a fleet scan lists once and filters. */
export interface AllNamespacesReads {
  listPodsAllNamespaces(): Promise<Pod[]>;
  listServiceAccountsAllNamespaces(): Promise<ServiceAccount[]>;
  listFailedCreateEventsAllNamespaces(now: Date): Promise<KubeEvent[]>;
  listAadPodIdentityAllNamespaces(): Promise<AadPodIdentityObjects>;
}

/** A cluster's Kubernetes reads as the inspector takes them. */
export type ClusterReads = KubernetesReads & AllNamespacesReads;

/** Where an AKS cluster is in ARM. */
export interface ClusterCoordinates {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** `A1`: the AKS cluster, whole: the rules read fields an SDK model may not carry. */
export interface ManagedClusterReads {
  getManagedCluster(cluster: ClusterCoordinates): Promise<ManagedCluster>;
}

/** `A2`, `A3`: user-assigned identities and their federated credentials. */
export interface IdentityReads {
  listIdentities(subscriptionId: string): Promise<ManagedIdentity[]>;
  getIdentity(resourceId: string): Promise<ManagedIdentity>;
  listFederatedCredentials(identityId: string): Promise<FederatedCredential[]>;
}

/** `A4`, `A5`: role assignments and custom role definitions. */
export interface RoleReads {
  /** At, above and below each subscription, for one principal; each assignment once. */
  listRoleAssignments(options: {
    principalId: string;
    subscriptionIds: string[];
  }): Promise<RoleAssignment[]>;
  /** Every principal's, at, above and below the subscription. */
  listAllRoleAssignments(subscriptionId: string): Promise<RoleAssignment[]>;
  /** At or above a scope, for any principal. */
  listAssignmentsAtScope(scope: string): Promise<RoleAssignment[]>;
  getRoleDefinition(options: {
    roleDefinitionId: string;
    /** Whose credential reads a definition whose id names no subscription. */
    subscriptionId: string;
  }): Promise<RoleDefinition>;
}

/** `A6`, `A7`: target resources and the network between a cluster and them. */
export interface ResourceReads {
  getResource(resourceId: string): Promise<TargetResource>;
  /** A private endpoint, virtual network or public IP address. */
  getNetworkResource<T>(resourceId: string): Promise<T>;
  listPrivateDnsZones(
    subscriptionId: string,
  ): Promise<{ id: string; name: string }[]>;
  /** The ids of the virtual networks a Private DNS zone is linked to. */
  listZoneVirtualNetworks(zoneId: string): Promise<string[]>;
}

/** Every ARM read inspection makes. */
export type ArmReads = ManagedClusterReads &
  IdentityReads &
  RoleReads &
  ResourceReads;

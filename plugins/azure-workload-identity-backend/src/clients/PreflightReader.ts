/**
 * What the planner needs to know about live Azure and Kubernetes state before it proposes a
 * plan. Shaped by the planner's questions, not by the SDKs, so the planner is tested with a
 * plain in-memory fake and the SDK-backed implementation is tested against the sandbox.
 */

/** An AKS cluster as far as workload identity cares. */
export interface ClusterFacts {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  /** Where a new identity goes when no identity placement is configured. */
  location?: string;
  oidcIssuerEnabled: boolean;
  /** Exactly as AKS reports it, trailing slash included: FIC matching is byte-for-byte. */
  issuerUrl?: string;
  workloadIdentityEnabled: boolean;
  /**
   * The environment the portal's configuration gives the cluster (not ARM's to say): the
   * approval policy reads it, never the requester's word.
   */
  environment?: 'production' | 'staging' | 'development';
  /** Namespaces configured to serve another environment; the first match wins. */
  namespaceEnvironments?: Array<{
    namespace: string;
    environment: 'production' | 'staging' | 'development';
  }>;
}

/** A user-assigned managed identity that already exists. */
export interface IdentityFacts {
  resourceId: string;
  name: string;
  clientId: string;
  /** The object id role assignments name; not the client id. */
  principalId: string;
  tenantId?: string;
  /** The identity's Azure tags: the portal's provenance (`backstage-entity-ref`) lives there. */
  tags?: Record<string, string>;
}

/** A Kubernetes namespace with the annotations that say who owns it. */
export interface NamespaceFacts {
  name: string;
  annotations: Record<string, string>;
}

/** A service account as it is now: its annotations say which identity it points pods at. */
export interface ServiceAccountFacts {
  annotations: Record<string, string>;
}

/** A pod: which service account it runs as and the labels that say whose workload it is. */
export interface PodFacts {
  name: string;
  serviceAccountName: string;
  labels: Record<string, string>;
}

export interface FederatedCredentialFacts {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

export interface RoleAssignmentFacts {
  /** The role definition's GUID. */
  roleId: string;
  scope: string;
}

export interface PreflightReader {
  /** Undefined when no such cluster is known. */
  getCluster(options: { name: string }): Promise<ClusterFacts | undefined>;
  /** Undefined when the namespace does not exist. */
  getNamespace(options: {
    cluster: string;
    namespace: string;
  }): Promise<NamespaceFacts | undefined>;
  /** Undefined when the service account does not exist (yet). */
  getServiceAccount(options: {
    cluster: string;
    namespace: string;
    name: string;
  }): Promise<ServiceAccountFacts | undefined>;
  /** The namespace's pods, to tell whose workloads run as a service account. */
  listPods(options: {
    cluster: string;
    namespace: string;
  }): Promise<PodFacts[]>;
  /**
   * The tags of the top-level resource a resource id names (the storage account of a
   * container): ownership is recorded there. Undefined when it does not exist.
   */
  getResourceTags(options: {
    resourceId: string;
  }): Promise<Record<string, string> | undefined>;
  /**
   * The identity a client id belongs to, among the identities of the subscriptions the portal
   * works in; undefined when none there has it.
   */
  findIdentityByClientId(options: {
    clientId: string;
  }): Promise<IdentityFacts | undefined>;
  /** Whether an ARM resource (or sub-resource such as a container) exists. */
  resourceExists(options: { resourceId: string }): Promise<boolean>;
  /** Whether a resource group exists: new identities can only be created in one that does. */
  resourceGroupExists(options: {
    subscriptionId: string;
    resourceGroup: string;
  }): Promise<boolean>;
  /** Undefined when the identity does not exist (yet). */
  getIdentity(options: {
    resourceId: string;
  }): Promise<IdentityFacts | undefined>;
  listFederatedCredentials(options: {
    identityResourceId: string;
  }): Promise<FederatedCredentialFacts[]>;
  /** Assignments held by a principal at, above or below any scope. */
  listRoleAssignments(options: {
    principalId: string;
  }): Promise<RoleAssignmentFacts[]>;
}

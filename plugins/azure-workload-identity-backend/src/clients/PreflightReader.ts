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
}

/** A user-assigned managed identity that already exists. */
export interface IdentityFacts {
  resourceId: string;
  name: string;
  clientId: string;
  /** The object id role assignments name; not the client id. */
  principalId: string;
  tenantId?: string;
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
  namespaceExists(options: {
    cluster: string;
    namespace: string;
  }): Promise<boolean>;
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

/**
 * The twin's Azure world. Times are epoch milliseconds from the twin's clock
 * unless a field says ISO; ARM renders them on the way out.
 */

export interface ResourceGroupRecord {
  subscriptionId: string;
  name: string;
  location: string;
  tags: Record<string, string>;
}

export interface ManagedIdentityRecord {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  tenantId: string;
  /** Object id: what role assignments name. */
  principalId: string;
  /** Application id: what `AZURE_CLIENT_ID` and token requests name. */
  clientId: string;
  isolationScope: string;
  createdAt: number;
}

export interface FederatedCredentialRecord {
  /** Lower-cased id of the owning identity. */
  identityKey: string;
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  /** Last create/update; Entra honours the credential only after the propagation delay. */
  updatedAt: number;
}

export type PrincipalType =
  | 'User'
  | 'Group'
  | 'ServicePrincipal'
  | 'ForeignGroup'
  | 'Device';

export interface RoleAssignmentRecord {
  /** Assignment GUID (the resource name). */
  name: string;
  /** Normalised scope, caller's casing. */
  scope: string;
  /** Subscription form when the scope has a subscription, tenant form otherwise. */
  roleDefinitionId: string;
  principalId: string;
  principalType: PrincipalType;
  description: string | null;
  condition: string | null;
  conditionVersion: string | null;
  createdOn: string;
  updatedOn: string;
  createdBy: string | null;
  updatedBy: string | null;
  delegatedManagedIdentityResourceId: string | null;
}

export interface Permission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

export interface RoleDefinitionRecord {
  /** The role GUID. */
  id: string;
  roleName: string;
  type: 'BuiltInRole' | 'CustomRole';
  description: string;
  assignableScopes: string[];
  permissions: Permission[];
  createdOn: string;
  updatedOn: string;
}

export interface ManagedClusterRecord {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  kubernetesVersion: string;
  fqdn: string;
  /** `oidcIssuerProfile.enabled`. */
  oidcIssuerEnabled: boolean;
  /** `oidcIssuerProfile.issuerURL`, kept byte for byte (AKS issuers end with `/`). */
  issuerUrl?: string;
  /** `securityProfile.workloadIdentity.enabled`. */
  workloadIdentityEnabled: boolean;
  /** The control-plane identity (`identity` block). */
  identity?: { type: string; principalId?: string; tenantId?: string };
  /** Any further `properties` to merge into the response (networkProfile, identityProfile...). */
  extraProperties?: Record<string, unknown>;
}

/**
 * Any other ARM resource (storage accounts, blob containers, key vaults,
 * Service Bus and Event Hubs namespaces and their entities, network rule sets).
 * The data plane reads access mode and network rules from `properties`.
 */
export interface GenericResourceRecord {
  /** Full id, caller's casing. */
  id: string;
  type: string;
  name: string;
  location?: string;
  tags?: Record<string, string>;
  kind?: string;
  sku?: Record<string, unknown>;
  properties: Record<string, unknown>;
}

export type PrincipalKind =
  | 'Application'
  | 'ManagedIdentity'
  | 'User'
  | 'Group';

/** A directory object. Managed identities add theirs; apps and users are seeded. */
export interface PrincipalRecord {
  objectId: string;
  /** Application (client) id; users and groups have none. */
  appId?: string;
  displayName: string;
  kind: PrincipalKind;
  /** Client secrets an application accepts. */
  secrets?: string[];
  /** When the object was created: role assignments see it only after the replication delay. */
  createdAt: number;
}

export interface BlobRecord {
  contentBase64: string;
  contentType: string;
  lastModified: number;
  etag: string;
}

export interface SecretRecord {
  value: string;
  contentType?: string;
  version: string;
  updated: number;
  enabled: boolean;
}

export interface CertificateRecord {
  /** DER, base64. */
  cerBase64: string;
  version: string;
  updated: number;
  enabled: boolean;
}

export interface MessageRecord {
  messageId: string;
  body: string;
  contentType?: string;
  enqueuedAt: number;
  sequenceNumber: number;
}

/** Everything the snapshot file holds. */
export interface AzureStateSnapshot {
  version: 1;
  resourceGroups: ResourceGroupRecord[];
  identities: ManagedIdentityRecord[];
  federatedCredentials: FederatedCredentialRecord[];
  roleAssignments: RoleAssignmentRecord[];
  customRoleDefinitions: RoleDefinitionRecord[];
  managedClusters: ManagedClusterRecord[];
  resources: GenericResourceRecord[];
  principals: PrincipalRecord[];
  blobs: Array<{ containerId: string; name: string; blob: BlobRecord }>;
  secrets: Array<{ vaultId: string; name: string; secret: SecretRecord }>;
  certificates: Array<{
    vaultId: string;
    name: string;
    certificate: CertificateRecord;
  }>;
  messages: Array<{ entityId: string; message: MessageRecord }>;
}

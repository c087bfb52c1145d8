/**
 * The parts of ARM resources and other upstream answers the health rules look at, in ARM's
 * own field names (`issuerURL`, `principalId`, ...). Plain JSON.
 */

/** @public */
export interface ClusterIdentityRef {
  clientId?: string;
  objectId?: string;
  resourceId?: string;
}

/**
 * `Microsoft.ContainerService/managedClusters` GET (read `A1`).
 *
 * @public
 */
export interface ManagedCluster {
  id: string;
  name: string;
  location?: string;
  identity?: {
    type?: string;
    principalId?: string;
    userAssignedIdentities?: Record<
      string,
      { clientId?: string; principalId?: string }
    >;
  };
  properties: {
    oidcIssuerProfile?: { enabled?: boolean; issuerURL?: string };
    securityProfile?: { workloadIdentity?: { enabled?: boolean } };
    identityProfile?: { kubeletidentity?: ClusterIdentityRef };
    addonProfiles?: Record<
      string,
      { enabled?: boolean; identity?: ClusterIdentityRef }
    >;
    podIdentityProfile?: {
      enabled?: boolean;
      userAssignedIdentities?: {
        name: string;
        namespace: string;
        identity: ClusterIdentityRef;
      }[];
    };
    agentPoolProfiles?: { name: string; vnetSubnetID?: string }[];
    /** The outbound addresses, as AKS reports them for a load balancer or a NAT gateway. */
    networkProfile?: {
      loadBalancerProfile?: { effectiveOutboundIPs?: { id: string }[] };
      natGatewayProfile?: { effectiveOutboundIPs?: { id: string }[] };
    };
  };
}

/**
 * What the issuer's discovery document and JWKS answered (read `O1`); network failures are not here.
 *
 * @public
 */
export interface DiscoveryResult {
  httpStatus: number;
  /** Undefined when the body was not JSON. */
  document?: { issuer?: string; jwks_uri?: string };
  jwks?: {
    httpStatus: number;
    keys?: { kid?: string; kty?: string; alg?: string }[];
  };
}

/**
 * `Microsoft.ManagedIdentity/userAssignedIdentities` (read `A2`).
 *
 * @public
 */
export interface ManagedIdentity {
  id: string;
  name: string;
  properties: { clientId: string; principalId: string; tenantId: string };
  tags?: Record<string, string>;
}

/**
 * `.../federatedIdentityCredentials` (read `A3`).
 *
 * @public
 */
export interface FederatedCredential {
  id?: string;
  name: string;
  properties: { issuer: string; subject: string; audiences: string[] };
}

/**
 * `Microsoft.Authorization/roleAssignments` (read `A4`).
 *
 * @public
 */
export interface RoleAssignment {
  id: string;
  properties: {
    roleDefinitionId: string;
    principalId: string;
    principalType?: string;
    scope: string;
    createdOn?: string;
  };
}

/**
 * A custom role definition (read `A5`); built-in roles come from the common role catalogue.
 *
 * @public
 */
export interface RoleDefinition {
  id: string;
  roleName: string;
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

/** @public */
export interface NetworkAcls {
  defaultAction?: 'Allow' | 'Deny';
  ipRules?: { value: string }[];
  virtualNetworkRules?: { id: string }[];
}

/**
 * A target resource GET (read `A6`): Key Vault, Storage, Service Bus, Event Hubs.
 *
 * @public
 */
export interface TargetResource {
  id: string;
  name: string;
  type: string;
  properties: {
    publicNetworkAccess?: string;
    networkAcls?: NetworkAcls;
    /** Service Bus / Event Hubs `networkRuleSets/default`. */
    networkRuleSet?: NetworkAcls;
    privateEndpointConnections?: {
      id: string;
      properties: {
        privateEndpoint?: { id: string };
        privateLinkServiceConnectionState?: { status?: string };
      };
    }[];
    enableRbacAuthorization?: boolean;
    tenantId?: string;
    accessPolicies?: {
      tenantId?: string;
      objectId: string;
      permissions: {
        secrets?: string[];
        certificates?: string[];
        keys?: string[];
      };
    }[];
    allowSharedKeyAccess?: boolean;
    disableLocalAuth?: boolean;
    /** Whatever else the type's GET returns, for rules about types of their own. */
    [property: string]: unknown;
  };
}

/**
 * `Microsoft.Network/virtualNetworks` GET (read `A7`): peerings and DNS servers.
 *
 * @public
 */
export interface VirtualNetwork {
  id: string;
  name: string;
  properties: {
    /** Empty or absent: Azure-provided DNS, which resolves linked private DNS zones. */
    dhcpOptions?: { dnsServers?: string[] };
    virtualNetworkPeerings?: {
      name?: string;
      properties: {
        remoteVirtualNetwork?: { id: string };
        peeringState?: string;
      };
    }[];
  };
}

/**
 * The network path from a cluster to a target that is not open to the internet (read `A7`): both
 * ends, as far as ARM shows them.
 *
 * @public
 */
export interface TargetNetwork {
  /** The VNets of the cluster's node pools; empty when they are AKS-managed and not named. */
  nodeVnets: VirtualNetwork[];
  /** The cluster's outbound public addresses; empty when not known. */
  egressIps: string[];
  /** Each private endpoint connection of the target, with the VNet its endpoint sits in. */
  privateEndpoints: {
    connectionId: string;
    endpointId: string;
    status: string;
    /** Undefined when the endpoint itself could not be found. */
    vnetId?: string;
  }[];
  /**
   * The service's `privatelink.*` zone in the target's, the cluster's and every configured
   * subscription; absent for services without a known zone.
   */
  dnsZone?: {
    name: string;
    /** Zones of that name (one per resource group holding one); empty when there is none. */
    zoneIds: string[];
    /** VNets linked to a zone of that name; empty when there is no such zone. */
    linkedVnetIds: string[];
  };
}

/**
 * The token-exchange probe (`O2` with `K9`). Tokens themselves are never kept.
 *
 * @public
 */
export type ProbeOutcome =
  | { status: 'not-run'; reason: string }
  | { status: 'succeeded'; at: string }
  | {
      status: 'failed';
      at: string;
      /** e.g. `AADSTS700213`. */
      code: string;
      description: string;
      traceId?: string;
      correlationId?: string;
      /** Claims of the Kubernetes token that was presented (not secret). */
      claims?: { iss?: string; sub?: string; aud?: string[] };
    };

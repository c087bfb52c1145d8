// The inspection model lives in the -node package, so adopters' rules read the same types.
export type {
  ClusterIdentityRef,
  ManagedCluster,
  DiscoveryResult,
  ManagedIdentity,
  FederatedCredential,
  RoleAssignment,
  RoleDefinition,
  NetworkAcls,
  TargetResource,
  VirtualNetwork,
  TargetNetwork,
  ProbeOutcome,
} from '@backstage-community/plugin-azure-workload-identity-node';

// The inspection model lives in the -node package, so adopters' rules read the same types.
export type {
  InspectionSnapshot,
  IssuerHistoryEntry,
  RequestRecordFacts,
  IdentityRequest,
  ClusterSnapshot,
  TargetSnapshot,
  BindingSnapshot,
  ClusterGuardrails,
  GuardrailFacts,
  GuardrailMode,
} from '@backstage-community/plugin-azure-workload-identity-node';

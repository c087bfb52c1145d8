/**
 * Extension points of the Azure Workload Identity backend, and the types a module needs to use
 * them: resource types with their intent to role table, health rules over a component's
 * inspected chain, approval policies and cluster credential providers.
 *
 * @packageDocumentation
 */
export * from './extensions';
export * from './approval/ApprovalPolicy';
export * from './clusters/ClusterCredentialProvider';
export * from './rules/rule';
export * from './rules/BindingView';
export * from './inspection/azureTypes';
export * from './inspection/kubernetesTypes';
export * from './inspection/snapshot';
export * from './inspection/reads';
export * from './inspection/config';
// What the interfaces above speak in, so a module needs one import.
export type {
  ApprovalReason,
  Finding,
  FindingFix,
  FindingRef,
  FindingSeverity,
  FindingState,
  Intent,
  Link,
  Operation,
  PermissionSpec,
  PlanRefusal,
  ResourceTypeSpec,
} from '@backstage-community/plugin-azure-workload-identity-common';

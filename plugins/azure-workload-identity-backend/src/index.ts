/**
 * Backend plugin for Azure Workload Identity on AKS.
 *
 * @packageDocumentation
 */
export {
  azureWorkloadIdentityPlugin as default,
  createAzureWorkloadIdentityPlugin,
} from './plugin';
export type { AzureWorkloadIdentityPluginOptions } from './plugin';
export { readConfig } from './config/readConfig';
export type { AzureWorkloadIdentityConfig } from './config/readConfig';
export type {
  ClusterFacts,
  FederatedCredentialFacts,
  IdentityFacts,
  PreflightReader,
  RoleAssignmentFacts,
} from './clients/PreflightReader';
export type {
  ApprovalReason,
  EnsureFederatedCredentialStep,
  EnsureIdentityStep,
  EnsureRoleAssignmentStep,
  EnsureServiceAccountStep,
  Plan,
  PlanNote,
  PlanRefusal,
  PlanStep,
  StepAction,
  StepOutputRef,
  VerifyStep,
} from './planning/Plan';
export type {
  AccessRequestRecord,
  AccessRequestWithEvents,
  RequestEvent,
  RequestStatus,
} from './requests/types';

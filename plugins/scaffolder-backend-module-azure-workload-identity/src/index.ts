/**
 * Scaffolder actions for Azure Workload Identity on AKS.
 *
 * @packageDocumentation
 */
export { scaffolderModuleAzureWorkloadIdentity as default } from './module';
export { createRequestAccessAction } from './actions/requestAccess';
export type {
  RequestAccessActionOptions,
  RequestAccessInput,
  RequestAccessOutput,
} from './actions/requestAccess';
export {
  createRevokeAccessAction,
  REVOKE_ACTION_ID,
} from './actions/revokeAccess';
export type { RevokeAccessActionOptions } from './actions/revokeAccess';
export { AzureWorkloadIdentityApiClient } from './client/AzureWorkloadIdentityApiClient';
export { AzureWorkloadIdentityApiError } from './client/AzureWorkloadIdentityApiError';
export type {
  AccessRequestView,
  AzureWorkloadIdentityApi,
  CallOptions,
  PlanStepView,
  PlanView,
  RequestEventView,
  RequestStatus,
} from './client/AzureWorkloadIdentityApi';
export { readModuleSettings } from './config/readModuleSettings';
export type { ModuleSettings } from './config/readModuleSettings';

/**
 * Scaffolder actions for Azure Workload Identity on AKS.
 *
 * @packageDocumentation
 */
export { scaffolderModuleAzureWorkloadIdentity as default } from './module';
export { createRequestAccessAction } from './actions/requestAccess';

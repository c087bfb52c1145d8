/**
 * Backend plugin for Azure Workload Identity on AKS.
 *
 * @packageDocumentation
 */
export { azureWorkloadIdentityPlugin as default } from './plugin';
export { readConfig } from './config/readConfig';
export type { AzureWorkloadIdentityConfig } from './config/readConfig';

export {
  azureWorkloadIdentityApiRef,
  AzureWorkloadIdentityApiError,
} from './AzureWorkloadIdentityApi';
export type {
  AzureWorkloadIdentityApi,
  ChainAnswer,
  PlanAnswer,
  RequestPage,
  RequestQuery,
} from './AzureWorkloadIdentityApi';
export { AzureWorkloadIdentityClient } from './AzureWorkloadIdentityClient';

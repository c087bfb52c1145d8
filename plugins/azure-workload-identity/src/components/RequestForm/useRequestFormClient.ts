import { ApiHolder, useApi } from '@backstage/core-plugin-api';
import {
  AzureWorkloadIdentityApi,
  azureWorkloadIdentityApiRef,
} from '../../api';

/** The plugin's API, for the form's fields. */
export function useRequestFormClient(): AzureWorkloadIdentityApi {
  return useApi(azureWorkloadIdentityApiRef);
}

/** The same API for field validators, which get the app's APIs as a holder. */
export function requestFormClientOf(apis: ApiHolder): AzureWorkloadIdentityApi {
  const api = apis.get(azureWorkloadIdentityApiRef);
  if (!api) {
    throw new Error(
      `the app provides no ${azureWorkloadIdentityApiRef.id}; register the Azure Workload Identity plugin's API`,
    );
  }
  return api;
}

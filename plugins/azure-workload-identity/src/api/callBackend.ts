import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { AZURE_WORKLOAD_IDENTITY_PLUGIN_ID } from '@backstage-community/plugin-azure-workload-identity-common';
import { AzureWorkloadIdentityApiError } from './AzureWorkloadIdentityApi';

export interface BackendApis {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}

export interface BackendAnswer {
  ok: boolean;
  status: number;
  body: any;
}

/** One call to the plugin's backend as the signed-in user: its status and parsed body. */
export async function callBackend(
  apis: BackendApis,
  path: string,
  init?: RequestInit,
): Promise<BackendAnswer> {
  const base = await apis.discoveryApi.getBaseUrl(
    AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
  );
  const response = await apis.fetchApi.fetch(`${base}${path}`, init);
  const body = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, body };
}

/** A refusal in the backend's own words, or its status when it sent none. */
export function backendError(
  answer: Pick<BackendAnswer, 'status' | 'body'>,
): AzureWorkloadIdentityApiError {
  return new AzureWorkloadIdentityApiError({
    message:
      answer.body?.error?.message ??
      `the Azure Workload Identity backend answered HTTP ${answer.status}`,
    status: answer.status,
    changes: answer.body?.error?.changes,
  });
}

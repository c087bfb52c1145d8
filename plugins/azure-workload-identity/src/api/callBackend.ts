import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { AZURE_WORKLOAD_IDENTITY_PLUGIN_ID } from '@backstage-community/plugin-azure-workload-identity-common';

export interface BackendApis {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}

/** One call to the plugin's backend as the signed-in user: its status and parsed body. */
export async function callBackend(
  apis: BackendApis,
  path: string,
  init?: RequestInit,
): Promise<{ ok: boolean; status: number; body: any }> {
  const base = await apis.discoveryApi.getBaseUrl(
    AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
  );
  const response = await apis.fetchApi.fetch(`${base}${path}`, init);
  const body = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, body };
}

/** A refusal in the backend's own words, or its status when it sent none. */
export function backendError(answer: { status: number; body: any }): Error {
  return new Error(
    answer.body?.error?.message ??
      `the Azure Workload Identity backend answered HTTP ${answer.status}`,
  );
}

/** A GET whose refusal becomes an error with the backend's message. */
export async function getFromBackend(apis: BackendApis, path: string) {
  const answer = await callBackend(apis, path);
  if (!answer.ok) throw backendError(answer);
  return answer.body;
}

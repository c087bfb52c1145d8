import { FetchApi } from '@backstage/core-plugin-api';
import { azureWorkloadIdentityApiRef } from '../AzureWorkloadIdentityApi';
import { AzureWorkloadIdentityClient } from '../AzureWorkloadIdentityClient';

/**
 * The default client over a fake fetch, as a pair for `TestApiProvider`: pages and hooks are
 * tested through the same client the plugin registers, with the backend's answers faked.
 */
export function clientOver(
  fetch: (input: any, init?: any) => Promise<Response>,
  base = 'http://backend/api/awi',
) {
  return [
    azureWorkloadIdentityApiRef,
    new AzureWorkloadIdentityClient({
      discoveryApi: { getBaseUrl: async () => base },
      fetchApi: { fetch: fetch as FetchApi['fetch'] },
    }),
  ] as const;
}

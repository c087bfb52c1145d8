import { AccessRequestWithEvents } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  AzureWorkloadIdentityApi,
  RequestQuery,
} from './AzureWorkloadIdentityApi';

/**
 * The requests of one page of a query, each with its timeline: the list answers records, and
 * the pages that show a request's latest event read each one.
 */
export async function requestsWithTimelines(
  api: AzureWorkloadIdentityApi,
  query: RequestQuery,
): Promise<AccessRequestWithEvents[]> {
  const page = await api.listRequests(query);
  return Promise.all(page.items.map(item => api.getRequest(item.id)));
}

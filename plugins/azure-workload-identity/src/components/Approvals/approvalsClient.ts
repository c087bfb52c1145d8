import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  AccessRequestWithEvents,
  AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
} from '@internal/plugin-azure-workload-identity-common';

/** A refusal from the backend, in its words; a drifted plan carries the changes. */
export class ApprovalError extends Error {
  constructor(
    message: string,
    readonly changes?: { stepId: string; summary: string }[],
  ) {
    super(message);
  }
}

/** The calls the approvals page makes, as the signed-in user. */
export function approvalsClient(discovery: DiscoveryApi, fetchApi: FetchApi) {
  const call = async (path: string, init?: RequestInit) => {
    const base = await discovery.getBaseUrl(AZURE_WORKLOAD_IDENTITY_PLUGIN_ID);
    const response = await fetchApi.fetch(`${base}${path}`, {
      ...init,
      headers: { 'Content-Type': 'application/json', ...init?.headers },
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new ApprovalError(
        body?.error?.message ?? `the backend answered HTTP ${response.status}`,
        body?.error?.changes,
      );
    }
    return body;
  };
  // The list answers records; each card wants the request's latest event too.
  const withTimelines = async (
    path: string,
  ): Promise<AccessRequestWithEvents[]> => {
    const list = await call(path);
    return Promise.all(
      (list.items as { id: string }[]).map(
        async item => (await call(`/requests/${item.id}`)).request,
      ),
    );
  };
  return {
    pending(): Promise<AccessRequestWithEvents[]> {
      return withTimelines('/requests?status=pending-approval&limit=50');
    },
    /** The viewer's own requests, newest first. */
    mine(userEntityRef: string): Promise<AccessRequestWithEvents[]> {
      return withTimelines(
        `/requests?requestedBy=${encodeURIComponent(userEntityRef)}&limit=20`,
      );
    },
    async get(id: string): Promise<AccessRequestWithEvents> {
      return (await call(`/requests/${encodeURIComponent(id)}`)).request;
    },
    cancel(id: string) {
      return call(`/requests/${id}/cancel`, { method: 'POST', body: '{}' });
    },
    /** Takes the access away; `deleteIdentity` deletes the identity if nothing else uses it. */
    revoke(id: string, options: { reason?: string; deleteIdentity?: boolean }) {
      return call(`/requests/${id}/revoke`, {
        method: 'POST',
        body: JSON.stringify({
          ...(options.reason ? { reason: options.reason } : {}),
          ...(options.deleteIdentity ? { deleteIdentity: true } : {}),
        }),
      });
    },
    /** Applies a failed request again; what was applied is not redone. */
    retry(id: string) {
      return call(`/requests/${id}/retry`, { method: 'POST', body: '{}' });
    },
    approve(id: string, planHash: string, comment?: string) {
      return call(`/requests/${id}/approve`, {
        method: 'POST',
        body: JSON.stringify(comment ? { planHash, comment } : { planHash }),
      });
    },
    reject(id: string, reason: string) {
      return call(`/requests/${id}/reject`, {
        method: 'POST',
        body: JSON.stringify({ reason }),
      });
    },
  };
}

export type ApprovalsClient = ReturnType<typeof approvalsClient>;

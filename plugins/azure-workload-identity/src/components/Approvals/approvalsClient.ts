import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { AccessRequestWithEvents } from '@backstage-community/plugin-azure-workload-identity-common';
import { backendError, callBackend } from '../../api/callBackend';

/**
 * A refusal from the backend, in its words, with its HTTP status (a page says "no such
 * request" for a 404); a drifted plan carries the changes.
 */
export class ApprovalError extends Error {
  constructor(
    message: string,
    readonly changes?: { stepId: string; summary: string }[],
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The calls the approvals page makes, as the signed-in user. */
export function approvalsClient(discovery: DiscoveryApi, fetchApi: FetchApi) {
  const call = async (path: string, init?: RequestInit) => {
    const answer = await callBackend(
      { discoveryApi: discovery, fetchApi },
      path,
      {
        ...init,
        headers: { 'Content-Type': 'application/json', ...init?.headers },
      },
    );
    if (!answer.ok) {
      throw new ApprovalError(
        backendError(answer).message,
        answer.body?.error?.changes,
        answer.status,
      );
    }
    return answer.body;
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

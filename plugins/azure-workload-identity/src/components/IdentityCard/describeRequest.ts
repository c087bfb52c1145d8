import { AccessRequestWithEvents } from '@backstage-community/plugin-azure-workload-identity-common';

/** A request in one line for the card: where it stands, and why when it is stuck or failed. */
export function describeRequest(request: AccessRequestWithEvents): string {
  const last = request.events[request.events.length - 1];
  const detail = (last?.detail ?? {}) as Record<string, unknown>;
  switch (request.status) {
    case 'pending-approval': {
      const reasons =
        request.plan?.approvalReasons.map(r => r.message).join(' ') ?? '';
      return `Waiting for the platform team to approve.${
        reasons ? ` ${reasons}` : ''
      }`;
    }
    case 'approved':
      return 'Approved; provisioning starts shortly.';
    case 'applying':
      return last?.type === 'step-retrying' && typeof detail.reason === 'string'
        ? `Provisioning: waiting because ${detail.reason}.`
        : `Provisioning${
            typeof detail.step === 'string' ? ` (${detail.step})` : ''
          }.`;
    case 'active':
      return 'Active: pods using the service account get their Azure token.';
    case 'failed':
      return `Failed: ${
        typeof detail.error === 'string' ? detail.error : 'see the timeline'
      }`;
    case 'rejected':
      return `Rejected: ${
        typeof detail.reason === 'string' ? detail.reason : 'no reason given'
      }`;
    case 'cancelled':
      return 'Cancelled by the requester.';
    case 'revoking':
      return 'Being revoked.';
    case 'revoked':
      return 'Revoked; the identity was kept.';
    default:
      return request.status;
  }
}

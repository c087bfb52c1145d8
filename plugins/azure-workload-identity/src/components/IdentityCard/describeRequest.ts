import { AccessRequestWithEvents } from '@backstage-community/plugin-azure-workload-identity-common';
import { describeEvent } from '../RequestDetail/describeEvent';

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
        : 'Provisioning.';
    case 'active':
      // What the request knows: its steps applied. Whether pods use the chain, the chain says.
      return 'Active: the chain is ready.';
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
    case 'revoked': {
      // The timeline's own words, so the card and the request page say the same about the
      // identity (kept or deleted).
      const revoked = request.events.find(e => e.type === 'revoked');
      return revoked ? describeEvent(revoked) : 'Revoked.';
    }
    default:
      return request.status;
  }
}

import {
  Plan,
  RequestEvent,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { expiryDay } from '../requestWords/expiry';
import { stepTitle } from '../requestWords/stepTitle';

/** Ends the text with a full stop, unless the person's own words already end one. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

/**
 * One timeline entry in words, for the request page. Steps are named by what they make, from
 * the request's plan, never by their ids.
 */
export function describeEvent(event: RequestEvent, plan?: Plan): string {
  const d = (event.detail ?? {}) as Record<string, unknown>;
  const step =
    typeof d.step === 'string'
      ? stepTitle(d.step, {
          plan,
          kind: typeof d.kind === 'string' ? d.kind : undefined,
        })
      : 'A step of the plan';
  switch (event.type) {
    case 'created':
      return `Requested; ${
        d.requiresApproval ? 'it needs approval' : 'no approval needed'
      }.`;
    case 'approved':
      return sentence(`Approved${d.comment ? `: ${String(d.comment)}` : ''}`);
    case 'rejected':
      return `Rejected: ${String(d.reason ?? '')}`;
    case 'cancelled':
      return 'Cancelled by the requester.';
    case 'plan-changed':
      return `Live state changed, the plan was made again${
        Array.isArray(d.changes)
          ? `: ${(d.changes as { summary?: string }[])
              .map(c => c.summary)
              .join('; ')}`
          : ''
      }.`;
    case 'apply-started':
      return 'Provisioning started.';
    case 'apply-resumed':
      return 'Provisioning resumed by another replica.';
    case 'step-started':
      return `${step}: started.`;
    case 'step-retrying':
      return `${step}: waiting, ${String(d.reason ?? '')}${
        d.code ? ` (${String(d.code)})` : ''
      }.`;
    case 'step-applied':
      // In GitOps mode the check waits for the service account the team applies.
      return typeof d.deferred === 'string' && d.deferred
        ? sentence(`${step}: not done yet, as ${d.deferred}`)
        : `${step}: done.`;
    case 'apply-completed':
      // What is known here: every step applied and the token exchange accepted. Not that the
      // workload's pods use the chain, nor that Azure has applied the roles everywhere.
      return 'Active: the chain is ready.';
    case 'apply-failed':
      return `Failed: ${String(d.error ?? '')}`;
    case 'revoke-started':
      return sentence(`Revoking${d.reason ? `: ${String(d.reason)}` : ''}`);
    case 'teardown-applied':
      return `${step}: removed.`;
    case 'teardown-kept':
      // The backend says why in a sentence: it was there before, or something still uses it.
      return typeof d.reason === 'string' && d.reason.trim()
        ? sentence(`Kept: ${d.reason}`)
        : `${step}: kept; no reason was recorded.`;
    case 'revoke-failed':
      return `Revoking stopped at ${lowerFirst(step)}: ${String(
        d.error ?? '',
      )}`;
    case 'expiry-reminded':
      return `The requester was told it expires in a ${
        d.notice === 'day' ? 'day' : 'week'
      }${
        typeof d.expiresAt === 'string' && d.expiresAt
          ? `, on ${expiryDay(d.expiresAt)}`
          : ''
      }.`;
    case 'revoked':
      if (d.identityKept === false) return 'Revoked; the identity was deleted.';
      if (typeof d.identityKeptBecause === 'string' && d.identityKeptBecause)
        return sentence(
          `Revoked; the identity was kept: ${d.identityKeptBecause}`,
        );
      if (d.identityUsedBy)
        return 'Revoked; the identity was kept, as something else still uses it.';
      if (d.identityDeleteError)
        return `Revoked; the identity could not be deleted: ${String(
          d.identityDeleteError,
        )}`;
      return 'Revoked; the identity was kept.';
    default:
      // A newer backend's event: its type in words rather than nothing.
      return sentence(
        event.type.charAt(0).toLocaleUpperCase('en-US') +
          event.type.slice(1).replace(/-/g, ' '),
      );
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('en-US') + text.slice(1);
}

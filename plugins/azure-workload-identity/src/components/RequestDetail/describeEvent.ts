import { RequestEvent } from '@backstage-community/plugin-azure-workload-identity-common';

/** Ends the text with a full stop, unless the person's own words already end one. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

/** One timeline entry in words, for the request page. */
export function describeEvent(event: RequestEvent): string {
  const d = (event.detail ?? {}) as Record<string, unknown>;
  const step = typeof d.step === 'string' ? d.step : '';
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
      return `Step ${step} started.`;
    case 'step-retrying':
      return `Step ${step} waits: ${String(d.reason ?? '')}${
        d.code ? ` (${String(d.code)})` : ''
      }.`;
    case 'step-applied':
      return `Step ${step} done.`;
    case 'apply-completed':
      return 'Active: the whole chain works.';
    case 'apply-failed':
      return `Failed: ${String(d.error ?? '')}`;
    case 'revoke-started':
      return sentence(`Revoking${d.reason ? `: ${String(d.reason)}` : ''}`);
    case 'teardown-applied':
      return `Removed what step ${step} made.`;
    case 'teardown-kept':
      // The backend says why in a sentence: it was there before, or something still uses it.
      return typeof d.reason === 'string' && d.reason.trim()
        ? sentence(`Kept: ${d.reason}`)
        : `Kept what step ${step} stands for; no reason was recorded.`;
    case 'revoke-failed':
      return `Revoking stopped at ${step}: ${String(d.error ?? '')}`;
    case 'expiry-reminded':
      return `The requester was told it expires in a ${
        d.notice === 'day' ? 'day' : 'week'
      } (${String(d.expiresAt ?? '')}).`;
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
      return event.type;
  }
}

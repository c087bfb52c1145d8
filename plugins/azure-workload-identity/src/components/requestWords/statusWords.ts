import { RequestStatus } from '@backstage-community/plugin-azure-workload-identity-common';

const WORDS: Record<RequestStatus, string> = {
  'pending-approval': 'waiting for approval',
  approved: 'approved, being provisioned',
  applying: 'being provisioned',
  active: 'active',
  failed: 'failed',
  rejected: 'rejected',
  cancelled: 'cancelled',
  revoking: 'being revoked',
  revoked: 'revoked',
};

/** Where a request stands, in words rather than its status id. */
export function statusWords(status: string): string {
  return WORDS[status as RequestStatus] ?? status.replace(/-/g, ' ');
}

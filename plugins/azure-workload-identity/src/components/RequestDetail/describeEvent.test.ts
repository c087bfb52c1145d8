import { RequestEvent } from '@internal/plugin-azure-workload-identity-common';
import { describeEvent } from './describeEvent';

const event = (
  type: string,
  detail?: RequestEvent['detail'],
): RequestEvent => ({
  id: '1',
  requestId: 'r',
  type,
  actor: 'user:default/pat-platform',
  detail,
  createdAt: '2026-11-23T10:00:00.000Z',
});

describe('describeEvent', () => {
  it.each([
    [event('approved', { comment: 'as discussed' }), 'Approved: as discussed.'],
    [event('rejected', { reason: 'use staging' }), 'Rejected: use staging'],
    [
      event('step-retrying', {
        step: 'role-assignment-1',
        reason: 'the identity has not replicated to Azure RBAC yet',
      }),
      'Step role-assignment-1 waits: the identity has not replicated to Azure RBAC yet.',
    ],
    [
      event('plan-changed', {
        changes: [
          { summary: "managed identity 'x': action was 'create', now 'adopt'" },
        ],
      }),
      "Live state changed, the plan was made again: managed identity 'x': action was 'create', now 'adopt'.",
    ],
    [
      event('apply-failed', { error: 'PrincipalNotFound' }),
      'Failed: PrincipalNotFound',
    ],
    [event('revoked'), 'Revoked; the identity was kept.'],
    [
      event('expiry-reminded', {
        notice: 'day',
        expiresAt: '2027-01-10T00:00:00.000Z',
      }),
      'The requester was told it expires in a day (2027-01-10T00:00:00.000Z).',
    ],
  ])('tells %#', (e, words) => {
    expect(describeEvent(e)).toBe(words);
  });
});

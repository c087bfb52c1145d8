import { RequestEvent } from '@backstage-community/plugin-azure-workload-identity-common';
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
      event('approved', { comment: 'Fine for the migration.' }),
      'Approved: Fine for the migration.',
    ],
    [
      event('revoke-started', { reason: 'service retired' }),
      'Revoking: service retired.',
    ],
    [
      event('revoked', { identityKept: false }),
      'Revoked; the identity was deleted.',
    ],
    [
      event('revoked', { identityKept: true, identityUsedBy: ['fic'] }),
      'Revoked; the identity was kept, as something else still uses it.',
    ],
    [
      event('teardown-kept', {
        step: 'role-assignment-1',
        reason:
          'the role assignment existed before this request, which only reused it',
      }),
      'Kept: the role assignment existed before this request, which only reused it.',
    ],
    [
      event('teardown-kept', {
        step: 'service-account',
        reason: 'Pod orders-api-7d9 still runs as it.',
      }),
      'Kept: Pod orders-api-7d9 still runs as it.',
    ],
    [
      event('teardown-kept', { step: 'federated-credential' }),
      'Kept what step federated-credential stands for; no reason was recorded.',
    ],
    [
      event('revoked', {
        identityKept: true,
        identityKeptBecause:
          'the identity existed before this request, which only reused it',
      }),
      'Revoked; the identity was kept: the identity existed before this request, which only reused it.',
    ],
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

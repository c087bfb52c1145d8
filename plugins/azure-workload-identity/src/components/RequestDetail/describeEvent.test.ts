import {
  Plan,
  RequestEvent,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { describeEvent } from './describeEvent';

const plan: Plan = {
  planHash: 'sha256:a',
  requiresApproval: false,
  approvalReasons: [],
  notes: [],
  steps: [
    {
      id: 'identity',
      kind: 'ensure-identity',
      action: 'create',
      name: 'id-orders-api-aks-prod',
      resourceId: 'x',
      subscriptionId: 's',
      resourceGroup: 'rg',
      tags: {},
      why: '',
    },
    {
      id: 'role-assignment-1',
      kind: 'ensure-role-assignment',
      action: 'create',
      roleName: 'Storage Blob Data Reader',
      roleId: 'r',
      scope:
        '/subscriptions/s/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata',
      privileged: false,
      why: '',
    },
    {
      id: 'verify',
      kind: 'verify',
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName: 'orders-api',
      issuer: 'i',
      audience: 'a',
      why: '',
    },
  ],
};

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
      'Role assignment 1: waiting, the identity has not replicated to Azure RBAC yet.',
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
      'Federated credential: kept; no reason was recorded.',
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
      'The requester was told it expires in a day, on 10 January 2027.',
    ],
    [event('apply-completed'), 'Active: the chain is ready.'],
    [event('identity-rotated'), 'Identity rotated.'],
  ])('tells %#', (e, words) => {
    expect(describeEvent(e)).toBe(words);
  });

  it.each([
    [
      event('step-applied', { step: 'identity' }),
      'Managed identity id-orders-api-aks-prod: done.',
    ],
    [
      event('step-started', { step: 'role-assignment-1', kind: 'x' }),
      'Role Storage Blob Data Reader on ordersdata: started.',
    ],
    [
      event('step-applied', {
        step: 'verify',
        verified: false,
        deferred: 'the service account is applied through GitOps',
      }),
      'Token exchange check for orders/orders-api: not done yet, as the service account is applied through GitOps.',
    ],
    [
      event('teardown-applied', { step: 'role-assignment-1' }),
      'Role Storage Blob Data Reader on ordersdata: removed.',
    ],
    [
      event('revoke-failed', {
        step: 'identity',
        error: 'AuthorizationFailed',
      }),
      'Revoking stopped at managed identity id-orders-api-aks-prod: AuthorizationFailed',
    ],
  ])('names steps by what they make, from the plan: %#', (e, words) => {
    const said = describeEvent(e, plan);
    expect(said).toBe(words);
    expect(said).not.toMatch(/ensure-|role-assignment-1|\bidentity\b:/);
  });
});

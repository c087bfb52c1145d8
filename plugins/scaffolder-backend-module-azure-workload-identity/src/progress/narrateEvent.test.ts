import { event, plan } from '../__testUtils__/requests';
import { narrateEvent } from './narrateEvent';

describe('narrateEvent', () => {
  it.each([
    [
      event('created', { status: 'pending-approval' }, 'user:default/olivia'),
      'info',
      'Request created; it needs approval before anything is provisioned',
    ],
    [
      event('step-started', { step: 'federated-credential' }),
      'info',
      'Working on the federated credential aks-prod-orders-orders-api for system:serviceaccount:orders:orders-api',
    ],
    [
      event('step-retrying', {
        step: 'verify',
        reason: 'the token exchange is not accepted yet',
        code: 'AADSTS700213',
        message: 'No matching federated identity record found',
      }),
      'info',
      'Still waiting on the token exchange check for orders/orders-api: the token exchange is not accepted yet (AADSTS700213)',
    ],
    [
      event('step-applied', { step: 'role-assignment-1', adopted: true }),
      'info',
      'Done: role Storage Blob Data Reader on ordersdata (it was already assigned)',
    ],
    [
      event('step-applied', {
        step: 'service-account',
        mode: 'applied',
        outcome: 'created',
      }),
      'info',
      'Done: service account orders/orders-api on aks-prod',
    ],
    [
      event('apply-failed', {
        to: 'failed',
        error: 'Azure RBAC still does not know principal 2222 after 300s',
        code: 'PrincipalNotFound',
      }),
      'error',
      'Provisioning failed: Azure RBAC still does not know principal 2222 after 300s (PrincipalNotFound)',
    ],
    [
      event(
        'approved',
        { from: 'pending-approval', to: 'approved', comment: 'fine for prod' },
        'user:default/pat-platform',
      ),
      'info',
      'Request approved by user:default/pat-platform: fine for prod',
    ],
    [
      event('step-started', { step: 'role-assignment-9' }),
      'info',
      'Working on the step role-assignment-9',
    ],
  ])('tells %j', (timelineEvent, level, message) => {
    expect(narrateEvent(timelineEvent, plan)).toEqual({ level, message });
  });
});

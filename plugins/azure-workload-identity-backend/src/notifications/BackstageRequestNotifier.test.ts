import { mockServices } from '@backstage/backend-test-utils';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { AccessRequestRecord } from '../requests/types';
import { BackstageRequestNotifier } from './BackstageRequestNotifier';

const request = {
  id: '0190f5e2-7b1c-7c3d-8e4f-0123456789ab',
  entityRef: 'component:default/orders-api',
  requestedBy: 'user:default/olivia-orders',
  status: 'active',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
} as AccessRequestRecord;

describe('BackstageRequestNotifier', () => {
  it('tells the requester the access is ready and links to the request’s page for the command', async () => {
    const sent: NotificationSendOptions[] = [];
    const notifications: NotificationService = {
      send: async options => {
        sent.push(options);
      },
    };
    const notifier = new BackstageRequestNotifier({
      notifications,
      logger: mockServices.logger.mock(),
      approverGroup: 'group:default/platform',
    });

    await notifier.active(request);

    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'user:default/olivia-orders' },
        payload: expect.objectContaining({
          title: 'Ready: Azure access for orders-api',
          link: `/azure-workload-identity/requests/${request.id}`,
        }),
      },
    ]);
    const { description } = sent[0].payload;
    expect(description).toMatch(
      /The request's page gives the exact command for the workload that runs there\.$/,
    );
    // The component's workload may be a StatefulSet, a CronJob, or named otherwise.
    expect(description).not.toMatch(/kubectl|deployment/);
  });
});

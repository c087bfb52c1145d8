import { mockServices } from '@backstage/backend-test-utils';
import {
  actionContext,
  logLines,
  testSettings,
  USER_TOKEN,
} from '../__testUtils__/actionContext';
import { fakeApi } from '../__testUtils__/fakeApi';
import {
  fullTimeline,
  REQUEST_ID,
  requestView,
} from '../__testUtils__/requests';
import { AzureWorkloadIdentityApi } from '../client/AzureWorkloadIdentityApi';
import { AzureWorkloadIdentityApiError } from '../client/AzureWorkloadIdentityApiError';
import { createRevokeAccessAction } from './revokeAccess';

const input = { requestId: REQUEST_ID };
const REQUEST_URL = `http://backstage.test/azure-workload-identity/requests/${REQUEST_ID}`;

function actionWith(api: AzureWorkloadIdentityApi) {
  return createRevokeAccessAction({
    api,
    auth: mockServices.auth(),
    settings: testSettings(),
  });
}

describe('azure:workload-identity:revoke', () => {
  const active = requestView('active', fullTimeline());
  const revoking = requestView('revoking', fullTimeline());

  it('has the documented id and an example', () => {
    const action = actionWith(fakeApi({}));
    expect(action.id).toBe('azure:workload-identity:revoke');
    expect(action.examples?.length).toBeGreaterThan(0);
  });

  it('asks the backend to revoke as the user and puts out the new status', async () => {
    const api = fakeApi({ revoke: revoking });
    const { ctx, logger, outputs } = actionContext({ input });

    await actionWith(api).handler(ctx);

    expect(api.calls).toEqual([
      { method: 'revokeRequest', token: USER_TOKEN, requestId: REQUEST_ID },
    ]);
    expect(outputs()).toEqual({
      requestId: REQUEST_ID,
      requestUrl: REQUEST_URL,
      status: 'revoking',
    });
    expect(logLines(logger, 'info')).toContain(
      `Request ${REQUEST_ID} is revoking; follow the teardown at ${REQUEST_URL}`,
    );
  });

  it('does not ask twice when a retried task runs the step again', async () => {
    const checkpoints = new Map<string, unknown>();
    const api = fakeApi({ revoke: revoking });

    await actionWith(api).handler(actionContext({ input, checkpoints }).ctx);
    const retry = actionContext({ input, checkpoints });
    await actionWith(api).handler(retry.ctx);

    expect(api.calls.map(c => c.method)).toEqual(['revokeRequest']);
    expect(retry.outputs().status).toBe('revoking');
  });

  it('says plainly when the backend cannot revoke yet', async () => {
    const api = fakeApi({
      revoke: new AzureWorkloadIdentityApiError({
        operation: 'POST /requests/:id/revoke',
        status: 404,
        message: '404 Not Found',
        routeMissing: true,
      }),
    });
    const { ctx } = actionContext({ input });

    await expect(actionWith(api).handler(ctx)).rejects.toMatchObject({
      name: 'NotImplementedError',
      message: `Revoking request ${REQUEST_ID} failed: this Backstage's Azure Workload Identity backend cannot revoke requests yet (it has no POST /requests/:id/revoke). Ask the platform team to revoke it, or upgrade the azure-workload-identity backend plugin.`,
    });
  });

  it('tells an unknown request apart from a missing route', async () => {
    const api = fakeApi({
      revoke: new AzureWorkloadIdentityApiError({
        operation: 'POST /requests/:id/revoke',
        status: 404,
        remoteName: 'NotFoundError',
        message: `no request with id '${REQUEST_ID}'`,
      }),
    });
    const { ctx } = actionContext({ input });

    await expect(actionWith(api).handler(ctx)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: `Revoking request ${REQUEST_ID} failed: no request with id '${REQUEST_ID}'`,
    });
  });

  it('only reads the request in a dry run', async () => {
    const api = fakeApi({ reads: [active], revoke: revoking });
    const { ctx, logger, checkpoint, outputs } = actionContext({
      input,
      isDryRun: true,
    });

    await actionWith(api).handler(ctx);

    expect(api.calls.map(c => c.method)).toEqual(['getRequest']);
    expect(checkpoint).not.toHaveBeenCalled();
    expect(outputs().status).toBe('active');
    expect(logLines(logger, 'info')).toContain(
      `Dry run: would revoke request ${REQUEST_ID} for component:default/orders-api (orders/orders-api, now active)`,
    );
  });
});

import { AccessRequestWithEvents } from '@backstage-community/plugin-azure-workload-identity-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { IdentityCard } from './IdentityCard';

function request(
  overrides: Partial<AccessRequestWithEvents>,
): AccessRequestWithEvents {
  return {
    id: '01a20b08-0292-74ad-ac02-9cc2a1b90312',
    entityRef: 'component:default/orders-api',
    requestedBy: 'user:default/olivia-orders',
    status: 'active',
    cluster: 'aks-prod',
    namespace: 'orders',
    serviceAccountName: 'orders-api',
    spec: {
      entityRef: 'component:default/orders-api',
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName: 'orders-api',
      resources: [],
    },
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:01:00.000Z',
    events: [],
    ...overrides,
  };
}

describe('IdentityCard requests', () => {
  it('shows where each request stands, with the reason a person must approve', async () => {
    await renderInTestApp(
      <IdentityCard
        entityName="orders-api"
        entityRef="component:default/orders-api"
        workload={{ kubernetesId: 'orders-api' }}
        requests={{
          loading: false,
          requests: [
            request({
              status: 'pending-approval',
              plan: {
                planHash: 'sha256:x',
                steps: [],
                requiresApproval: true,
                approvalReasons: [
                  {
                    code: 'production',
                    message: 'The workload runs in production.',
                  },
                ],
                notes: [],
              },
            }),
            request({
              id: '01a20b08-0292-74ad-ac02-9cc2a1b90313',
              status: 'failed',
              events: [
                {
                  id: '9',
                  requestId: '01a20b08-0292-74ad-ac02-9cc2a1b90313',
                  type: 'apply-failed',
                  actor: 'replica',
                  detail: { error: 'Azure RBAC still does not know principal' },
                  createdAt: '2026-11-23T10:02:00.000Z',
                },
              ],
            }),
          ],
        }}
      />,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      screen.getByTestId('awi-request-pending-approval'),
    ).toHaveTextContent(
      'Waiting for the platform team to approve. The workload runs in production.',
    );
    expect(screen.getByTestId('awi-request-failed')).toHaveTextContent(
      'Failed: Azure RBAC still does not know principal',
    );
  });

  it('points to the template when there is no request', async () => {
    await renderInTestApp(
      <IdentityCard
        entityName="orders-api"
        entityRef="component:default/orders-api"
        workload={{ kubernetesId: 'orders-api' }}
        requests={{ loading: false, requests: [] }}
      />,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(screen.getByTestId('awi-requests')).toHaveTextContent(
      'Request Azure access',
    );
  });

  it('says when the requests cannot be read, in the backend’s words', async () => {
    await renderInTestApp(
      <IdentityCard
        entityName="orders-api"
        entityRef="component:default/orders-api"
        workload={{ kubernetesId: 'orders-api' }}
        requests={{
          loading: false,
          error: 'the permission policy lets you read only your own requests',
        }}
      />,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      screen.getByText(
        /Could not read the requests: the permission policy lets you read only your own requests/,
      ),
    ).toBeInTheDocument();
  });
});

import { identityApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { InventoryResponse } from '@backstage-community/plugin-azure-workload-identity-common';
import { screen, waitFor } from '@testing-library/react';
import { clientOver } from '../../api/__testUtils__/clientOver';
import { InventoryPage } from './InventoryPage';

const inventory: InventoryResponse = {
  items: [
    {
      entityRef: 'component:default/orders-api',
      owner: 'group:default/team-orders',
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccount: 'orders-api',
      identity: 'wi-orders',
      roleName: 'Storage Blob Data Reader',
      roleDefinitionId: 'x',
      scope:
        '/subscriptions/s/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata',
      privileged: false,
      chainState: 'ok',
      checkedAt: '2026-12-04T10:00:00.000Z',
    },
  ],
  notScanned: [],
};

// The policy of a developer: no approving, and no reading others' requests.
const developerPolicy: PermissionApi = {
  authorize: async () =>
    ({ result: 'DENY' } as Awaited<ReturnType<PermissionApi['authorize']>>),
};

describe('InventoryPage', () => {
  it("does not ask a developer's browser for the portal's permissions, which only approvers may see", async () => {
    const fetch = jest.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url.includes('/inventory')) {
        return new Response(JSON.stringify(inventory));
      }
      if (url.includes('/requests?')) {
        return new Response(JSON.stringify({ items: [] }));
      }
      return new Response(JSON.stringify({ error: { message: 'refused' } }), {
        status: 403,
      });
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          clientOver(fetch),
          [permissionApiRef, developerPolicy],
          [
            identityApiRef,
            mockApis.identity({ userEntityRef: 'user:default/olivia-orders' }),
          ],
        ]}
      >
        <InventoryPage />
      </TestApiProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByText('1 of 1 role assignments'),
    ).toBeInTheDocument();
    // Only her own requests are asked for, as the backend would refuse the rest.
    await waitFor(() =>
      expect(fetch).toHaveBeenCalledWith(
        'http://backend/api/awi/requests?status=active&limit=100&requestedBy=user%3Adefault%2Folivia-orders',
        undefined,
      ),
    );
    const asked = fetch.mock.calls.map(([input]) => String(input));
    expect(asked.filter(url => url.includes('/self-check'))).toEqual([]);
    expect(screen.queryByTestId('awi-self-check')).not.toBeInTheDocument();
  });
});

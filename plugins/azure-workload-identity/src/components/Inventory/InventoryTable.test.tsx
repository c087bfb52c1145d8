import {
  AccessRequestRecord,
  InventoryRow,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { InventoryTable } from './InventoryTable';

const base: InventoryRow = {
  entityRef: 'component:default/orders-api',
  owner: 'group:default/team-orders',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccount: 'orders-api',
  identity: 'wi-orders',
  roleName: 'Storage Blob Data Reader',
  roleDefinitionId:
    '/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  scope:
    '/subscriptions/s/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata',
  privileged: false,
  chainState: 'ok',
  checkedAt: '2026-12-04T10:00:00.000Z',
};

const rows: InventoryRow[] = [
  base,
  {
    ...base,
    entityRef: 'component:default/orders-admin',
    roleName: 'Owner',
    privileged: true,
    scope: '/subscriptions/s/resourceGroups/rg-apps',
    broadScope: 'resource group',
    chainState: 'degraded',
    worstFinding: {
      ruleId: 'ra-privileged-role',
      state: 'degraded',
      message: 'Owner',
    },
  },
  {
    ...base,
    entityRef: 'component:default/media-processor',
    owner: 'group:default/team-payments',
    cluster: 'aks-dev',
    namespace: 'media',
    serviceAccount: 'media-processor',
    chainState: 'broken',
    worstFinding: {
      ruleId: 'pod-label-missing',
      state: 'broken',
      message: 'label',
    },
  },
  {
    ...base,
    entityRef: 'component:default/reporting-job',
    cluster: 'aks-dev',
    namespace: 'reporting',
    serviceAccount: 'reporting-job',
    identity: 'wi-reporting',
  },
];

// Olivia's request that granted orders-api its role, as the API lists it.
const request: AccessRequestRecord = {
  id: '0190f5e2-7b1c-7c3d-8e4f-0123456789ab',
  entityRef: 'component:default/orders-api',
  requestedBy: 'user:default/olivia-orders',
  status: 'active',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  spec: {} as AccessRequestRecord['spec'],
  plan: {
    steps: [
      {
        id: 'role-assignment-1',
        kind: 'ensure-role-assignment',
        action: 'create',
        roleName: 'Storage Blob Data Reader',
        roleId: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
        scope: base.scope,
        privileged: false,
        why: 'reads blobs',
      },
    ],
  } as unknown as AccessRequestRecord['plan'],
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};

/** Where the page's address stands, to check the filters are kept in it. */
function Address() {
  return <div data-testid="address">{useLocation().search}</div>;
}

async function renderTable(path = '/inventory') {
  await renderInTestApp(
    <>
      <InventoryTable rows={rows} requests={[request]} />
      <Address />
    </>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

function chooseFilter(key: string, option: string) {
  // The filter, not the column header of the same name.
  fireEvent.mouseDown(document.getElementById(`awi-inventory-filter-${key}`)!);
  fireEvent.click(screen.getByRole('option', { name: option }));
}

function rowOf(name: string) {
  return screen.getByRole('link', { name }).closest('tr')!;
}

describe('InventoryTable', () => {
  it('lists every role with privileged roles and broad scopes standing out', async () => {
    await renderTable();
    expect(screen.getByText('4 of 4 role assignments')).toBeInTheDocument();
    const owner = rowOf('orders-admin');
    expect(within(owner).getByText('Privileged')).toBeInTheDocument();
    expect(within(owner).getByText('Whole resource group')).toBeInTheDocument();
    expect(within(owner).getByText('ra-privileged-role')).toBeInTheDocument();
    expect(within(owner).getByText('Needs attention')).toBeInTheDocument();
  });

  it('links each component and owner to the catalog, and a row a request granted to that request', async () => {
    await renderTable();
    const orders = rowOf('orders-api');
    expect(
      within(orders).getByRole('link', { name: 'orders-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/orders-api');
    expect(
      within(orders).getByRole('link', { name: 'team-orders' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-orders');
    expect(within(orders).getByText('orders/orders-api')).toBeInTheDocument();
    expect(
      within(orders).getByRole('link', { name: 'Request by olivia-orders' }),
    ).toHaveAttribute(
      'href',
      `/azure-workload-identity/requests/${request.id}`,
    );
    // Made by hand, or by a request the viewer cannot read: no link.
    expect(
      within(rowOf('reporting-job')).queryByText(/Request by/),
    ).not.toBeInTheDocument();
  });

  it('counts what a filter shows, and keeps the filter in the address', async () => {
    await renderTable();
    chooseFilter('cluster', 'aks-dev');
    expect(screen.getByText('2 of 4 role assignments')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'media-processor' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'orders-api' })).toBeNull();
    expect(screen.getByTestId('address')).toHaveTextContent('?cluster=aks-dev');

    chooseFilter('chainState', 'Broken');
    expect(screen.getByText('1 of 4 role assignments')).toBeInTheDocument();
    expect(screen.getByTestId('address')).toHaveTextContent(
      '?cluster=aks-dev&state=broken',
    );
  });

  it('counts what the search shows', async () => {
    await renderTable();
    fireEvent.change(screen.getByLabelText('Search'), {
      target: { value: 'REPORTING' },
    });
    expect(screen.getByText('1 of 4 role assignments')).toBeInTheDocument();
    expect(screen.getByTestId('address')).toHaveTextContent('?q=REPORTING');
  });

  it('reads the filters back from the address, as after a reload', async () => {
    await renderTable('/inventory?cluster=aks-dev&q=media');
    expect(screen.getByText('1 of 4 role assignments')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'media-processor' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Search')).toHaveValue('media');
    expect(
      document.getElementById('awi-inventory-filter-cluster'),
    ).toHaveTextContent('aks-dev');
  });

  it('exports the rows shown, not every row', async () => {
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:inventory';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    try {
      await renderTable('/inventory?cluster=aks-dev');
      fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
      expect(click).toHaveBeenCalled();
      const lines = (await blobs[0].text()).trim().split('\r\n');
      expect(lines).toHaveLength(3);
      expect(lines[1]).toMatch(/^component:default\/media-processor,/);
      expect(lines[2]).toMatch(/^component:default\/reporting-job,/);
    } finally {
      click.mockRestore();
    }
  });
});

import { InventoryRow } from '@internal/plugin-azure-workload-identity-common';
import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { InventoryTable } from './InventoryTable';

const base: InventoryRow = {
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
    chainState: 'broken',
    worstFinding: {
      ruleId: 'pod-label-missing',
      state: 'broken',
      message: 'label',
    },
  },
];

describe('InventoryTable', () => {
  it('lists every role with privileged roles and broad scopes standing out', async () => {
    await renderInTestApp(<InventoryTable rows={rows} />);
    expect(screen.getByText('3 of 3 role assignments')).toBeInTheDocument();
    const owner = screen
      .getByText('component:default/orders-admin')
      .closest('tr')!;
    expect(within(owner).getByText('Privileged')).toBeInTheDocument();
    expect(within(owner).getByText('Whole resource group')).toBeInTheDocument();
    expect(within(owner).getByText('ra-privileged-role')).toBeInTheDocument();
  });

  it('filters by cluster and by state', async () => {
    await renderInTestApp(<InventoryTable rows={rows} />);
    // The filter, not the column header of the same name.
    fireEvent.mouseDown(
      document.getElementById('awi-inventory-filter-cluster')!,
    );
    fireEvent.click(screen.getByRole('option', { name: 'aks-dev' }));
    expect(screen.getByText('1 of 3 role assignments')).toBeInTheDocument();
    expect(
      screen.getByText('component:default/media-processor'),
    ).toBeInTheDocument();
    expect(screen.queryByText('component:default/orders-api')).toBeNull();

    fireEvent.mouseDown(
      document.getElementById('awi-inventory-filter-chainState')!,
    );
    fireEvent.click(screen.getByRole('option', { name: 'ok' }));
    expect(screen.getByText('0 of 3 role assignments')).toBeInTheDocument();
  });
});

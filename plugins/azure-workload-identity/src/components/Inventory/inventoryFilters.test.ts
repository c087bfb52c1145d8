import { InventoryRow } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  filterRows,
  filtersFromSearch,
  filtersToSearch,
} from './inventoryFilters';

const row: InventoryRow = {
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
const rows = [
  row,
  { ...row, entityRef: 'component:default/reporting-job', cluster: 'aks-dev' },
];

describe('inventory filters', () => {
  it('round-trip through the page address, leaving out what is not filtered', () => {
    const filters = {
      fields: { cluster: 'aks-dev', chainState: 'broken' },
      search: 'blob reader',
    };
    const search = filtersToSearch(filters);
    expect(search.toString()).toBe(
      'cluster=aks-dev&state=broken&q=blob+reader',
    );
    expect(filtersFromSearch(search)).toEqual(filters);
    expect(filtersFromSearch(new URLSearchParams('utm=x'))).toEqual({
      fields: {},
      search: '',
    });
  });

  it('let through rows matching every filter and every searched word', () => {
    expect(
      filterRows(rows, { fields: { cluster: 'aks-dev' }, search: '' }),
    ).toHaveLength(1);
    expect(
      filterRows(rows, { fields: {}, search: 'ORDERSDATA reporting' }).map(
        r => r.entityRef,
      ),
    ).toEqual(['component:default/reporting-job']);
    expect(
      filterRows(rows, {
        fields: { cluster: 'aks-prod' },
        search: 'reporting',
      }),
    ).toEqual([]);
  });
});

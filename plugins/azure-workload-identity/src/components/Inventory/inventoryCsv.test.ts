import { InventoryRow } from '@backstage-community/plugin-azure-workload-identity-common';
import { inventoryCsv } from './inventoryCsv';

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
    '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/ordersdata',
  privileged: false,
  chainState: 'ok',
  checkedAt: '2026-12-04T10:00:00.000Z',
};

describe('inventoryCsv', () => {
  it('has a header and one line per row', () => {
    const lines = inventoryCsv([row]).split('\r\n');
    expect(lines[0]).toBe(
      'component,owner,cluster,namespace,service account,identity,role,scope,privileged,broad scope,chain,worst finding,checked at',
    );
    expect(lines[1]).toBe(
      'component:default/orders-api,group:default/team-orders,aks-prod,orders,orders-api,wi-orders,Storage Blob Data Reader,/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/ordersdata,no,,ok,,2026-12-04T10:00:00.000Z',
    );
    expect(lines[2]).toBe('');
  });

  it('quotes cells with commas or quotes, and defuses formulas', () => {
    const csv = inventoryCsv([
      { ...row, identity: 'a,"b"', owner: '=HYPERLINK("x")' },
    ]);
    expect(csv).toContain(',"a,""b""",');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

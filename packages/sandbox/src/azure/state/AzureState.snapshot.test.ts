import { AzureState } from './AzureState';

describe('AzureState snapshots', () => {
  it('keeps every subscription that holds a resource group across a restart', () => {
    const before = new AzureState({
      tenantId: '72f988bf-0000-0000-0000-000000000001',
      subscriptionIds: ['00000000-0000-0000-0000-000000000001'],
    });
    before.addSubscription('00000000-0000-0000-0000-000000000002');
    before.putResourceGroup({
      subscriptionId: '00000000-0000-0000-0000-000000000002',
      name: 'rg-aks',
      location: 'westeurope',
      tags: {},
    });

    // A restart builds the state with the default subscription only, then loads the file.
    const after = new AzureState({
      tenantId: '72f988bf-0000-0000-0000-000000000001',
      subscriptionIds: ['00000000-0000-0000-0000-000000000001'],
    });
    after.loadSnapshot(JSON.parse(JSON.stringify(before.toSnapshot())));

    expect(after.hasSubscription('00000000-0000-0000-0000-000000000002')).toBe(
      true,
    );
    expect(after.hasSubscription('00000000-0000-0000-0000-000000000003')).toBe(
      false,
    );
  });
});

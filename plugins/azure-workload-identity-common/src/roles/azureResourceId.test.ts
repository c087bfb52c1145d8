import { parseResourceId } from './azureResourceId';

describe('parseResourceId', () => {
  it('reads an id in the spelling ARM answers identities with', () => {
    expect(
      parseResourceId(
        '/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/rg-aks/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders',
      ),
    ).toMatchObject({
      subscriptionId: '00000000-0000-0000-0000-000000000001',
      resourceGroup: 'rg-aks',
      resourceType: 'Microsoft.ManagedIdentity/userAssignedIdentities',
      resourceName: 'id-orders',
    });
  });

  it('keeps the sub-resource path of a container', () => {
    expect(
      parseResourceId(
        '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data/blobServices/default/containers/orders',
      )?.childPath,
    ).toBe('blobServices/default/containers/orders');
  });

  it('refuses what is not a resource id', () => {
    expect(
      parseResourceId('/subscriptions/x/resourceGroups/rg'),
    ).toBeUndefined();
  });
});

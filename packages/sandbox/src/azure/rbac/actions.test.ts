import { actionMatches, permissionGrants } from './actions';

describe('actionMatches', () => {
  it('matches wildcards across segments and ignores case', () => {
    expect(actionMatches('*', 'Microsoft.Storage/storageAccounts/read')).toBe(
      true,
    );
    expect(
      actionMatches('*/read', 'Microsoft.Storage/storageAccounts/read'),
    ).toBe(true);
    expect(
      actionMatches('*/read', 'Microsoft.Storage/storageAccounts/write'),
    ).toBe(false);
    expect(
      actionMatches(
        'Microsoft.ServiceBus/*/send/action',
        'Microsoft.ServiceBus/namespaces/queues/send/action',
      ),
    ).toBe(true);
    expect(
      actionMatches(
        'Microsoft.Authorization/*/Write',
        'microsoft.authorization/roleassignments/write',
      ),
    ).toBe(true);
  });

  it('treats dots literally', () => {
    expect(actionMatches('Microsoft.Storage/x', 'MicrosoftXStorage/x')).toBe(
      false,
    );
  });
});

describe('permissionGrants', () => {
  const contributor = {
    actions: ['*'],
    notActions: ['Microsoft.Authorization/*/Write'],
    dataActions: [],
    notDataActions: [],
  };
  it('subtracts notActions', () => {
    expect(
      permissionGrants(
        contributor,
        'Microsoft.ManagedIdentity/userAssignedIdentities/write',
        'control',
      ),
    ).toBe(true);
    expect(
      permissionGrants(
        contributor,
        'Microsoft.Authorization/roleAssignments/write',
        'control',
      ),
    ).toBe(false);
  });
  it('keeps control and data actions apart', () => {
    expect(
      permissionGrants(
        contributor,
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
        'data',
      ),
    ).toBe(false);
  });
});

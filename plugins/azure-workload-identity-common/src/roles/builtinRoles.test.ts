import { findBuiltinRole, operationMatches, roleGrants } from './builtinRoles';

describe('operationMatches', () => {
  it('matches wildcards and ignores case, as Azure does', () => {
    expect(
      operationMatches(
        'Microsoft.ServiceBus/*/send/action',
        'microsoft.servicebus/namespaces/messages/send/action',
      ),
    ).toBe(true);
    expect(
      operationMatches(
        'Microsoft.KeyVault/vaults/secrets/*',
        'Microsoft.KeyVault/vaults/keys/read',
      ),
    ).toBe(false);
  });
});

describe('roleGrants', () => {
  it('honours notDataActions', () => {
    const admin = findBuiltinRole('Azure Kubernetes Service RBAC Admin')!;
    expect(
      roleGrants(admin, {
        dataAction: 'Microsoft.ContainerService/managedClusters/pods/read',
      }),
    ).toBe(true);
    expect(
      roleGrants(admin, {
        dataAction:
          'Microsoft.ContainerService/managedClusters/namespaces/write',
      }),
    ).toBe(false);
  });

  it('finds roles by name or well-known id', () => {
    expect(
      findBuiltinRole('2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')?.roleName,
    ).toBe('Storage Blob Data Reader');
    expect(findBuiltinRole('storage blob data reader')?.id).toBe(
      '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
    );
  });
});

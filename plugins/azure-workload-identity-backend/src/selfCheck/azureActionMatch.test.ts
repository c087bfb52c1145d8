import { permits } from './azureActionMatch';

describe('permits', () => {
  const write = 'Microsoft.ManagedIdentity/userAssignedIdentities/write';

  it('matches wildcards case-insensitively, as ARM does', () => {
    expect(permits([{ actions: ['*'] }], write)).toBe(true);
    expect(permits([{ actions: ['*/read'] }], write)).toBe(false);
    expect(
      permits(
        [{ actions: ['*/read'] }],
        'Microsoft.ContainerService/managedClusters/read',
      ),
    ).toBe(true);
    expect(permits([{ actions: ['microsoft.managedidentity/*'] }], write)).toBe(
      true,
    );
    expect(permits([], write)).toBe(false);
  });

  it("lets a role's notActions take back only that role's grant", () => {
    const contributor = {
      actions: ['*'],
      notActions: ['Microsoft.Authorization/*/Write'],
    };
    const ra = 'Microsoft.Authorization/roleAssignments/write';
    expect(permits([contributor], ra)).toBe(false);
    expect(
      permits(
        [
          contributor,
          { actions: ['Microsoft.Authorization/roleAssignments/*'] },
        ],
        ra,
      ),
    ).toBe(true);
  });

  it('takes a dot in an action literally', () => {
    expect(permits([{ actions: ['a.b/read'] }], 'aXb/read')).toBe(false);
  });
});

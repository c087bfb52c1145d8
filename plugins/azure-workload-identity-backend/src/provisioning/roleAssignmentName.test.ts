import { roleAssignmentName } from './roleAssignmentName';

const scope =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-orders';
const roleId = '4633458b-17de-408a-b874-0445c86b69e6';
const principalId = '11111111-2222-3333-4444-555555555555';

describe('roleAssignmentName', () => {
  it('is a version 5 UUID, the same every time for the same grant', () => {
    const name = roleAssignmentName({ scope, roleId, principalId });
    expect(name).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(roleAssignmentName({ scope, roleId, principalId })).toBe(name);
  });

  it('ignores case and a trailing slash, as ARM does for scopes and GUIDs', () => {
    expect(
      roleAssignmentName({
        scope: `${scope.toUpperCase()}/`,
        roleId: roleId.toUpperCase(),
        principalId,
      }),
    ).toBe(roleAssignmentName({ scope, roleId, principalId }));
  });

  it('differs when the scope, the role or the principal differs', () => {
    const base = roleAssignmentName({ scope, roleId, principalId });
    const others = [
      roleAssignmentName({ scope: `${scope}x`, roleId, principalId }),
      roleAssignmentName({
        scope,
        roleId: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
        principalId,
      }),
      roleAssignmentName({
        scope,
        roleId,
        principalId: '99999999-2222-3333-4444-555555555555',
      }),
    ];
    expect(new Set([base, ...others]).size).toBe(4);
  });
});

import {
  AuthorizeResult,
  ConditionalPolicyDecision,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  requestApprovePermission,
  requestCreatePermission,
  requestManagePermission,
  requestReadPermission,
  requestRevokePermission,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { PortalPermissionPolicy } from './permissionPolicy';

function userIn(...ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  } as PolicyQueryUser;
}

const OLIVIA = userIn(
  'user:default/olivia-orders',
  'group:default/team-orders',
);
const PAT = userIn('user:default/pat-platform', 'group:default/platform-team');

describe('PortalPermissionPolicy', () => {
  const policy = new PortalPermissionPolicy('group:default/platform-team');

  it('lets the platform team approve, and no product team', async () => {
    await expect(
      policy.handle({ permission: requestApprovePermission }, PAT),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: requestApprovePermission }, OLIVIA),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it("lets a developer request only for the components their team owns, by the catalog's isEntityOwner", async () => {
    const decision = (await policy.handle(
      { permission: requestCreatePermission },
      OLIVIA,
    )) as ConditionalPolicyDecision;
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/olivia-orders', 'group:default/team-orders'],
        },
      },
    });
    await expect(
      policy.handle({ permission: requestCreatePermission }, PAT),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it.each([requestRevokePermission, requestManagePermission])(
    'lets the requester and the component owners %s, and the platform team always',
    async permission => {
      const decision = await policy.handle({ permission }, OLIVIA);
      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'azure-workload-identity',
        resourceType: 'azure-workload-identity-request',
        conditions: {
          anyOf: [
            expect.objectContaining({ rule: 'IS_REQUESTER' }),
            expect.objectContaining({ rule: 'IS_COMPONENT_OWNER' }),
          ],
        },
      });
      await expect(policy.handle({ permission }, PAT)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    },
  );

  it('lets everyone read requests', async () => {
    await expect(
      policy.handle({ permission: requestReadPermission }, OLIVIA),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});

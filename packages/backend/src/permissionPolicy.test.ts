import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  requestApprovePermission,
  requestCreatePermission,
} from '@internal/plugin-azure-workload-identity-common';
import { PortalPermissionPolicy } from './permissionPolicy';

function userIn(...ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    info: { userEntityRef: 'user:default/someone', ownershipEntityRefs },
  } as PolicyQueryUser;
}

describe('PortalPermissionPolicy', () => {
  const policy = new PortalPermissionPolicy('group:default/platform-team');

  it('lets the platform team approve', async () => {
    const decision = await policy.handle(
      { permission: requestApprovePermission },
      userIn('user:default/pat-platform', 'group:default/platform-team'),
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('does not let a product team approve', async () => {
    const decision = await policy.handle(
      { permission: requestApprovePermission },
      userIn('user:default/olivia-orders', 'group:default/team-orders'),
    );
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it('lets anyone request access', async () => {
    const decision = await policy.handle(
      { permission: requestCreatePermission },
      userIn('user:default/olivia-orders', 'group:default/team-orders'),
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });
});

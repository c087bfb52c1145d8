import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  requestApprovePermission,
  requestCreatePermission,
  requestManagePermission,
  requestRevokePermission,
} from '@backstage-community/plugin-azure-workload-identity-common';
import {
  accessRequestConditions,
  createAccessRequestConditionalDecision,
  readApproverGroup,
} from '@backstage-community/plugin-azure-workload-identity-backend';

/**
 * The portal's permission policy, the trust model as an adopter would write it:
 * - a component's owners request Azure access for it (the catalog's own `isEntityOwner`
 *   condition, evaluated by the catalog), and the approver group for any component;
 * - only the approver group approves;
 * - the requester (the plugin always lets them), the component's owners and the approver
 *   group revoke, cancel and retry a request;
 * - everything else is allowed.
 * Adopters replace this module with their own policy; the decisions it shows are the plugin's
 * permissions, so changing who may do what needs no change to the plugins.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  constructor(private readonly approverGroup: string) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs ?? [];
    const approver = claims.includes(this.approverGroup);
    const { permission } = request;

    if (isPermission(permission, requestApprovePermission)) {
      return {
        result: approver ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    if (isPermission(permission, requestCreatePermission)) {
      return approver
        ? { result: AuthorizeResult.ALLOW }
        : createCatalogConditionalDecision(
            permission,
            catalogConditions.isEntityOwner({ claims }),
          );
    }
    if (
      isPermission(permission, requestRevokePermission) ||
      isPermission(permission, requestManagePermission)
    ) {
      return approver
        ? { result: AuthorizeResult.ALLOW }
        : createAccessRequestConditionalDecision(permission, {
            anyOf: [
              accessRequestConditions.isRequester({ claims }),
              accessRequestConditions.isComponentOwner({ claims }),
            ],
          });
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'portal-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(new PortalPermissionPolicy(readApproverGroup(config)));
      },
    });
  },
});

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { requestApprovePermission } from '@internal/plugin-azure-workload-identity-common';
import { readApproverGroup } from '@internal/plugin-azure-workload-identity-backend';

/**
 * The portal's permission policy: everyone may do everything except decide on requests for
 * Azure access, which only members of the approver group may do. Adopters replace this module
 * with their own policy; the plugin only needs `azure-workload-identity.request.approve`
 * decided somewhere.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  constructor(private readonly approverGroup: string) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (request.permission.name === requestApprovePermission.name) {
      const refs = user?.info.ownershipEntityRefs ?? [];
      return {
        result: refs.includes(this.approverGroup)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
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
        policy.setPolicy(
          new PortalPermissionPolicy(
            readApproverGroup(config),
          ),
        );
      },
    });
  },
});

import {
  ChainView,
  findBuiltinRole,
  InventoryRow,
  worstLinkState,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { scopeBreadth } from '../planning/approvalPolicy';

/**
 * The inventory rows of one component's chain: one row per role assignment its identity
 * holds, or one row without a role when it holds none, so a component with access problems is
 * never missing from the list.
 */
export function inventoryRows(
  chain: ChainView,
  entity: { owner?: string },
): InventoryRow[] {
  const visible = chain.findings.filter(f => !f.maskedBy);
  const worst = visible[0];
  const common = {
    entityRef: chain.entityRef,
    owner: entity.owner,
    chainState: worstLinkState(Object.values(chain.links)),
    worstFinding: worst && {
      ruleId: worst.ruleId,
      state: worst.state,
      message: worst.message,
    },
    checkedAt: chain.checkedAt,
  };
  return chain.bindings
    .filter(b => b.usesWorkloadIdentity)
    .flatMap(binding => {
      const base = {
        ...common,
        cluster: binding.cluster,
        namespace: binding.namespace,
        serviceAccount: binding.serviceAccount,
        identity: binding.identity?.name,
      };
      if (binding.roleAssignments.length === 0) {
        return [
          {
            ...base,
            roleName: '(none)',
            roleDefinitionId: '',
            scope: '',
            privileged: false,
          },
        ];
      }
      return binding.roleAssignments.map(assignment => {
        const guid = assignment.roleDefinitionId.split('/').pop() ?? '';
        const role = findBuiltinRole(guid);
        const breadth = scopeBreadth(assignment.scope);
        return {
          ...base,
          roleName: role?.roleName ?? guid,
          roleDefinitionId: assignment.roleDefinitionId,
          scope: assignment.scope,
          privileged: role?.privileged ?? false,
          ...(breadth ? { broadScope: breadth } : {}),
        };
      });
    });
}

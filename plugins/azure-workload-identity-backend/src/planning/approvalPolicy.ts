import {
  findBuiltinRole,
  parseResourceId,
  RoleRisk,
  roleRisks,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { ApprovalPolicy } from '@backstage-community/plugin-azure-workload-identity-node';
import {
  ApprovalReason,
  EnsureRoleAssignmentStep,
  PlanNote,
  PlanStep,
} from './Plan';

/**
 * The portal's own policy, registered through the approval policy extension point like an
 * adopter's, and always first.
 */
export const builtinApprovalPolicy: ApprovalPolicy = {
  id: 'built-in',
  async decide(input) {
    const { approvalReasons } = decideApproval(input);
    return { approvalReasons };
  },
};

/**
 * Decides whether a person must approve a plan. Auto-approval is the narrow case: every role
 * without risk (no data owner, nothing that grants access onward, no `*` action), every scope
 * one resource or narrower, an environment the configuration says is not production, and
 * nothing of another owner's (the ownership reasons come in already decided). Anything else —
 * including an unknown environment, which could be production — goes to the platform team
 * with the reasons spelled out. Risky roles need approval in every environment.
 */
export function decideApproval(options: {
  steps: PlanStep[];
  notes: PlanNote[];
  /** From the portal's configuration of the cluster; never the requester's word. */
  environment?: 'production' | 'staging' | 'development';
  /** The trust model's reasons: another team's namespace, resource or identity. */
  ownershipReasons?: ApprovalReason[];
}): { requiresApproval: boolean; approvalReasons: ApprovalReason[] } {
  const reasons: ApprovalReason[] = [];

  for (const step of options.steps) {
    if (step.kind !== 'ensure-role-assignment') continue;
    reasons.push(...roleReasons(step));
    const broadness = scopeBreadth(step.scope);
    if (broadness) {
      reasons.push({
        code: 'broad-scope',
        message: `${step.roleName} is granted on ${
          broadness === 'unclassified'
            ? 'a scope the portal cannot classify'
            : `a whole ${broadness}`
        } (${step.scope}), not on a single resource.`,
      });
    }
  }

  if (options.environment === 'production') {
    reasons.push({
      code: 'production',
      message: 'The request is for a production environment.',
    });
  } else if (!options.environment) {
    reasons.push({
      code: 'environment-unknown',
      message:
        "The portal's configuration does not say which environment this cluster and namespace serve, so it could be production.",
    });
  }
  reasons.push(...(options.ownershipReasons ?? []));

  for (const note of options.notes) {
    if (note.code === 'must-not-unmet') {
      reasons.push({ code: 'must-not-unmet', message: note.message });
    }
  }

  return { requiresApproval: reasons.length > 0, approvalReasons: reasons };
}

const RISK_REASONS: Record<
  RoleRisk,
  { code: ApprovalReason['code']; says: string }
> = {
  'data-owner': {
    code: 'data-owner-role',
    says: 'is a data owner role: full control of the data, including deleting it',
  },
  'grants-access': {
    code: 'grants-access-role',
    says: 'can grant access to others (it writes role assignments)',
  },
  'wildcard-actions': {
    code: 'wildcard-actions',
    says: 'allows every action (*) at its scope',
  },
};

function roleReasons(step: EnsureRoleAssignmentStep): ApprovalReason[] {
  const role = findBuiltinRole(step.roleId);
  const risks = role ? roleRisks(role) : [];
  const reasons = risks.map(risk => ({
    code: RISK_REASONS[risk].code,
    message: `${step.roleName} ${RISK_REASONS[risk].says}; it would be granted on ${step.scope}.`,
  }));
  if (reasons.length === 0 && (step.privileged || !role)) {
    reasons.push({
      code: 'privileged-role',
      message: role
        ? `${step.roleName} is privileged (it can manage access or everything at its scope) and is granted on ${step.scope}.`
        : `${step.roleName} is not a built-in role the portal can judge, and is granted on ${step.scope}.`,
    });
  }
  return reasons;
}

/** What a scope covers when it is broader than one resource, else undefined. */
export function scopeBreadth(
  scope: string,
):
  | 'subscription'
  | 'resource group'
  | 'management group'
  | 'unclassified'
  | undefined {
  if (parseResourceId(scope)) return undefined;
  if (/^\/providers\/Microsoft\.Management\/managementGroups\//i.test(scope)) {
    return 'management group';
  }
  if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/?$/i.test(scope)) {
    return 'resource group';
  }
  if (/^\/subscriptions\/[^/]+\/?$/i.test(scope)) return 'subscription';
  // Anything else we cannot classify is treated as broad: approval is the safe default.
  return 'unclassified';
}

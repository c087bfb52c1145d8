import { parseResourceId } from '@internal/plugin-azure-workload-identity-common';
import { ApprovalReason, PlanNote, PlanStep } from './Plan';

/**
 * Decides whether a person must approve a plan. Auto-approval is the narrow case: every role
 * non-privileged, every scope one resource or narrower, and an environment stated as not
 * production. Anything else — including an unstated environment, which could be production —
 * goes to the platform team with the reasons spelled out.
 */
export function decideApproval(options: {
  steps: PlanStep[];
  notes: PlanNote[];
  environment?: 'production' | 'staging' | 'development';
}): { requiresApproval: boolean; approvalReasons: ApprovalReason[] } {
  const reasons: ApprovalReason[] = [];

  for (const step of options.steps) {
    if (step.kind !== 'ensure-role-assignment') continue;
    if (step.privileged) {
      reasons.push({
        code: 'privileged-role',
        message: `${step.roleName} is privileged (it can manage access or everything at its scope) and is granted on ${step.scope}.`,
      });
    }
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
        'The request does not say which environment it is for; state development or staging to allow automatic approval.',
    });
  }

  for (const note of options.notes) {
    if (note.code === 'must-not-unmet') {
      reasons.push({ code: 'must-not-unmet', message: note.message });
    }
  }

  return { requiresApproval: reasons.length > 0, approvalReasons: reasons };
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

import {
  ApprovalDecision,
  ApprovalPolicy,
  ApprovalPolicyInput,
} from '@backstage-community/plugin-azure-workload-identity-node';
import { ApprovalReason, PlanRefusal } from './Plan';

export interface PoliciesDecision {
  refusals: PlanRefusal[];
  requiresApproval: boolean;
  approvalReasons: ApprovalReason[];
}

/**
 * Runs the approval policies in order, the built-in one first, and adds up what they decide:
 * a policy can add reasons and refusals, and can take none away. Each policy sees copies, so
 * it cannot change the plan or the reasons before it either.
 */
export async function decideWithPolicies(options: {
  policies: readonly ApprovalPolicy[];
  input: Omit<ApprovalPolicyInput, 'reasonsSoFar'>;
}): Promise<PoliciesDecision> {
  const approvalReasons: ApprovalReason[] = [];
  const refusals: PlanRefusal[] = [];
  for (const policy of options.policies) {
    const decision = await decisionOf(policy, {
      ...structuredClone(options.input),
      reasonsSoFar: structuredClone(approvalReasons),
    });
    for (const reason of decision.approvalReasons ?? []) {
      if (!approvalReasons.some(r => sameReason(r, reason))) {
        approvalReasons.push({ code: reason.code, message: reason.message });
      }
    }
    refusals.push(
      ...(decision.refusals ?? []).map(r => ({
        field: r.field,
        message: r.message,
      })),
    );
  }
  return {
    refusals,
    requiresApproval: approvalReasons.length > 0,
    approvalReasons,
  };
}

// A policy that cannot decide must not let a plan through unexamined: its failure is itself a
// reason for a person to look.
async function decisionOf(
  policy: ApprovalPolicy,
  input: ApprovalPolicyInput,
): Promise<ApprovalDecision> {
  try {
    const decision = await policy.decide(input);
    if (!wellFormed(decision)) {
      throw new Error(
        'its answer is not { approvalReasons?: [{ code, message }], refusals?: [{ field, message }] }',
      );
    }
    return decision;
  } catch (error) {
    return {
      approvalReasons: [
        {
          code: 'approval-policy-failed',
          message: `The approval policy ${policy.id} could not decide (${String(
            error instanceof Error ? error.message : error,
          ).slice(0, 200)}), so a person must look at the plan.`,
        },
      ],
    };
  }
}

function wellFormed(decision: unknown): decision is ApprovalDecision {
  if (typeof decision !== 'object' || decision === null) return false;
  const { approvalReasons, refusals } = decision as Record<string, unknown>;
  const texts = (list: unknown, keys: string[]) =>
    list === undefined ||
    (Array.isArray(list) &&
      list.every(
        item =>
          typeof item === 'object' &&
          item !== null &&
          keys.every(k => typeof item[k] === 'string' && item[k] !== ''),
      ));
  return (
    texts(approvalReasons, ['code', 'message']) &&
    texts(refusals, ['field', 'message'])
  );
}

function sameReason(a: ApprovalReason, b: ApprovalReason): boolean {
  return a.code === b.code && a.message === b.message;
}

import { fieldLabel } from '@backstage-community/plugin-azure-workload-identity-common';
import { PlanStepView, PlanView } from '../client/AzureWorkloadIdentityApi';
import { describeStep } from '../progress/describeStep';

/** The dry run's output: what would be done and why, and whether a person must approve it. */
export interface PlanSummary {
  planHash: string;
  requiresApproval: boolean;
  approvalReasons: string[];
  steps: { id: string; kind: string; action?: string; why: string }[];
}

export function summarizePlan(plan: PlanView): PlanSummary {
  return {
    planHash: plan.planHash,
    requiresApproval: plan.requiresApproval,
    approvalReasons: plan.approvalReasons.map(r => r.message),
    steps: plan.steps.map(step => ({
      id: step.id,
      kind: step.kind,
      ...(actionOf(step) ? { action: actionOf(step) } : {}),
      why: step.why,
    })),
  };
}

/** The plan as log lines, for the person reading the dry run's log. */
export function describePlan(plan: PlanView): string[] {
  const lines = plan.steps.map(
    (step, index) =>
      `${index + 1}. ${
        actionOf(step) ? `${actionOf(step)} ` : ''
      }${describeStep(step.id, plan)}: ${step.why}`,
  );
  if (plan.environment) {
    lines.push(
      `Environment: ${plan.environment} (from the cluster's configuration)`,
    );
  }
  if (plan.requiresApproval) {
    // A reason a line: each is a whole sentence, often naming a team or a role.
    lines.push('Needs approval:');
    plan.approvalReasons.forEach(r => lines.push(`- ${r.message}`));
  } else {
    lines.push('No approval needed: policy approves this plan');
  }
  for (const note of plan.notes ?? []) {
    lines.push(`Note on ${fieldLabel(note.field)}: ${note.message}`);
  }
  return lines;
}

/** create, adopt or update; the service account and verify steps have none. */
export function actionOf(step: PlanStepView): string | undefined {
  return 'action' in step ? step.action : undefined;
}

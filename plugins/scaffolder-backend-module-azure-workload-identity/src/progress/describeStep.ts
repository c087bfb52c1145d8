import { PlanStepView } from '../client/AzureWorkloadIdentityApi';

/**
 * Names a plan step the way the person who asked for access thinks of it ("role Storage Blob
 * Data Reader on ordersdata"), not by its id ("role-assignment-1").
 */
export function describeStep(
  stepId: string,
  plan?: { steps: PlanStepView[] },
): string {
  const step = plan?.steps.find(s => s.id === stepId);
  if (!step) return `step ${stepId}`;
  switch (step.kind) {
    case 'ensure-identity':
      return `managed identity${optional(step.name)}`;
    case 'ensure-federated-credential':
      return `federated credential${optional(step.name)}${optional(
        step.subject,
        'for ',
      )}`;
    case 'ensure-role-assignment':
      return `role ${step.roleName ?? '(unnamed)'}${
        step.scope ? ` on ${lastSegment(step.scope)}` : ''
      }`;
    case 'ensure-service-account':
      return `service account ${step.namespace}/${step.name}${
        step.cluster ? ` on ${step.cluster}` : ''
      }`;
    case 'verify':
      return `token exchange check for ${step.namespace}/${step.serviceAccountName}`;
    default:
      return `step ${stepId}`;
  }
}

/** The kind of a step, or undefined when the plan does not have it. */
export function kindOfStep(
  stepId: string,
  plan?: { steps: PlanStepView[] },
): string | undefined {
  return plan?.steps.find(s => s.id === stepId)?.kind;
}

function optional(value: string | undefined, prefix = ''): string {
  return value ? ` ${prefix}${value}` : '';
}

// A full ARM id is too long for a progress line; its last segment is the resource's name.
function lastSegment(resourceId: string): string {
  const parts = resourceId.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? resourceId;
}

import {
  Plan,
  PlanStep,
} from '@backstage-community/plugin-azure-workload-identity-common';

/**
 * A plan step as the person deciding on it reads it: what it does to what, e.g. "Create
 * managed identity id-orders-api-aks-prod", rather than the step's kind. The plan is needed
 * for the federated credential, whose cluster is named by the plan's other steps.
 */
export function describePlanStep(step: PlanStep, plan: Plan): string {
  switch (step.kind) {
    case 'ensure-identity':
      return `${
        step.action === 'adopt' ? 'Reuse' : 'Create'
      } managed identity ${step.name}`;
    case 'ensure-federated-credential': {
      const trust = `${issuerOf(step.issuer, plan)} for ${step.subject}`;
      if (step.action === 'adopt') return `Reuse the trust of ${trust}`;
      if (step.action === 'update') return `Correct the trust of ${trust}`;
      return `Trust ${trust}`;
    }
    case 'ensure-role-assignment':
      return `${step.roleName} on ${shortScope(step.scope)}${
        step.action === 'adopt' ? ' (already assigned)' : ''
      }`;
    case 'ensure-service-account':
      return `Annotate service account ${step.namespace}/${step.name}`;
    case 'verify':
      return 'Check a token exchange works';
    default:
      return (step as PlanStep).id;
  }
}

/** The environment line, when the configuration gives the plan one. */
export function describeEnvironment(plan: Plan): string | undefined {
  return plan.environment
    ? `Environment: ${plan.environment} (from the cluster's configuration)`
    : undefined;
}

/**
 * The end of a scope that tells scopes apart ("…/containers/orders"); a full ARM id is too
 * long to read in a list, so callers keep the whole id at hand (e.g. as a title).
 */
export function shortScope(scope: string): string {
  const parts = scope.split('/').filter(Boolean);
  return parts.length > 2 ? `…/${parts.slice(-2).join('/')}` : scope;
}

// An issuer URL means little to a reader; the cluster it belongs to does. A plan is for one
// cluster, which its service account and verify steps name.
function issuerOf(issuer: string, plan: Plan): string {
  for (const step of plan.steps) {
    if (step.kind === 'ensure-service-account' || step.kind === 'verify') {
      return `${step.cluster}'s issuer`;
    }
  }
  return `the issuer ${issuer}`;
}

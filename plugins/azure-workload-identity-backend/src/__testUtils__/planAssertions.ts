import { TOKEN_EXCHANGE_AUDIENCE } from '@backstage-community/plugin-azure-workload-identity-common';
import { Plan, PlanOutcome, PlanStep } from '../planning/Plan';
import { ISSUER } from './world';

/** Narrowing helpers so planner tests read as assertions on the plan, not on unions. */
export function planned(outcome: PlanOutcome): Plan {
  if (!outcome.ok) {
    throw new Error(`expected a plan, got ${JSON.stringify(outcome)}`);
  }
  return outcome.plan;
}

export function refusals(outcome: PlanOutcome) {
  if (outcome.ok) throw new Error('expected refusals, got a plan');
  return outcome.refusals;
}

export function step<K extends PlanStep['kind']>(plan: Plan, kind: K) {
  return plan.steps.filter(
    (s): s is Extract<PlanStep, { kind: K }> => s.kind === kind,
  );
}

export const fic = (name: string, subject: string, issuer = ISSUER) => ({
  name,
  issuer,
  subject,
  audiences: [TOKEN_EXCHANGE_AUDIENCE],
});

import { PlanStep } from '../planning/Plan';

/**
 * The plan's steps in the order they may run: each stage after the previous one, the steps of
 * a stage side by side. The federated credential and the role assignments only need the
 * identity, so they run together; that is the critical path identity → (credential ‖ roles)
 * → service account → verify.
 */
export function applyStages(steps: PlanStep[]): PlanStep[][] {
  const of = (...kinds: PlanStep['kind'][]) =>
    steps.filter(step => kinds.includes(step.kind));
  return [
    of('ensure-identity'),
    of('ensure-federated-credential', 'ensure-role-assignment'),
    of('ensure-service-account'),
    of('verify'),
  ].filter(stage => stage.length > 0);
}

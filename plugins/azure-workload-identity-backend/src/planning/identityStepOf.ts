import { EnsureIdentityStep, Plan } from './Plan';

/** The step of a plan that makes or adopts its managed identity; every plan has one. */
export function identityStepOf(
  plan: Plan | undefined,
): EnsureIdentityStep | undefined {
  return plan?.steps.find(
    (s): s is EnsureIdentityStep => s.kind === 'ensure-identity',
  );
}

import { PreflightReader } from '../clients/PreflightReader';
import { Planner, PlannerOptions } from '../planning/Planner';
import { FakeComponentDirectory, noIdentityUses } from './components';

/** A planner on a fake world, with the demo's two teams' components and no request records. */
export function plannerFor(
  preflight: PreflightReader,
  options: Partial<Omit<PlannerOptions, 'preflight'>> = {},
): Planner {
  return new Planner({
    preflight,
    components: new FakeComponentDirectory(),
    identityUses: noIdentityUses,
    ...options,
  });
}

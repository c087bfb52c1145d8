import { Read } from '../reads';
import { GuardrailFacts, GuardrailMode, InspectionSnapshot } from '../snapshot';
import { cluster } from './access';
import { W } from './world';

/** Guardrails of the baseline world: current, the baseline identity granted to `orders`. */
export function currentGuardrails(): GuardrailFacts {
  return {
    state: 'current',
    missing: [],
    outdated: [],
    grants: 'current',
    granted: { orders: [W.clientId] },
    appliedBy: 'portal',
  };
}

/** Puts guardrails in `mode` on the baseline cluster, read as `installed` (default current). */
export function withGuardrails(
  snapshot: InspectionSnapshot,
  mode: GuardrailMode,
  installed: Read<GuardrailFacts> = {
    status: 'ok',
    value: currentGuardrails(),
  },
): InspectionSnapshot {
  cluster(snapshot).guardrails = {
    mode,
    installed:
      mode === 'off'
        ? { status: 'not-found', reason: 'guardrails are off' }
        : installed,
  };
  return snapshot;
}

import { ChainGuardrails } from '@backstage-community/plugin-azure-workload-identity-common';
import { valueOf } from '../reads';
import { InspectionSnapshot } from '../snapshot';

/**
 * The guardrails of each cluster the component has bindings on, in the order first bound.
 * Undefined when no cluster's guardrails were part of the inspection (an inspector that does
 * not read them), so the card does not claim a state nobody read.
 */
export function chainGuardrails(
  snapshot: InspectionSnapshot,
): ChainGuardrails[] | undefined {
  const names = [...new Set(snapshot.bindings.map(b => b.cluster))];
  const states = names.flatMap((name): ChainGuardrails[] => {
    const guardrails = snapshot.clusters.find(c => c.name === name)?.guardrails;
    if (!guardrails) return [];
    const { mode, installed } = guardrails;
    if (mode === 'off') return [{ cluster: name, mode, state: 'off' }];
    return [
      {
        cluster: name,
        mode,
        state: valueOf(installed)?.state ?? 'unknown',
      },
    ];
  });
  return states.length > 0 ? states : undefined;
}

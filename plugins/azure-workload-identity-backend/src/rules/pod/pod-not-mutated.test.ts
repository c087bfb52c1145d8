import { binding } from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-not-mutated', () => {
  it('pod-created-unmutated: one finding folding both pods, fixed by a restart', () => {
    const outcome = runScenario('pod-created-unmutated');
    expect(outcome.visible).toEqual(['pod-not-mutated']);
    expect(outcome.masked).toEqual([]);
    const finding = findingOfRule(outcome, 'pod-not-mutated');
    expect(finding.occurrenceCount).toBe(2);
    expect(finding.fix.text).toBe(
      'kubectl -n orders rollout restart deployment/orders-api',
    );
    expect(finding.evidence.actual).toBe(
      'none (pod created 2026-05-31T10:00:00.000Z)',
    );
  });

  it('is a live-pod rule: silent without pods', () => {
    const snapshot = scenarioSnapshot('pod-created-unmutated');
    binding(snapshot).pods = { status: 'ok', value: [] };
    expect(runScenario(snapshot).visible).toEqual([]);
  });
});

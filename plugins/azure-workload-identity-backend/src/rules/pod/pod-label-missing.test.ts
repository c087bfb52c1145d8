import { baselineSnapshot } from '../../inspection/__testUtils__/baselineWorld';
import { binding } from '../../inspection/__testUtils__/access';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-label-missing', () => {
  it('pod-label-absent: only this rule, with the patch for the deployment', () => {
    const outcome = runScenario('pod-label-absent');
    expect(outcome.visible).toEqual(['pod-label-missing']);
    expect(outcome.masked).toEqual([]);
    const finding = findingOfRule(outcome, 'pod-label-missing');
    expect(finding.evidence.actual).toBe('absent');
    expect(finding.occurrenceCount).toBe(2);
    expect(finding.fix.text).toBe(
      `kubectl -n orders patch deployment orders-api --type merge -p '{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":"true"}}}}}'`,
    );
  });

  it('pod-label-capital-true: "True" does not match the case-sensitive objectSelector', () => {
    const outcome = runScenario('pod-label-capital-true');
    expect(outcome.visible).toEqual(['pod-label-missing']);
    expect(findingOfRule(outcome, 'pod-label-missing').evidence.actual).toBe(
      '"True"',
    );
  });

  it('judges the template when the workload is scaled to zero', () => {
    const snapshot = baselineSnapshot();
    binding(snapshot).pods = { status: 'ok', value: [] };
    expect(runScenario(snapshot).findings).toEqual([]);
  });
});

import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-sdk-too-old', () => {
  it('sdk-declared-old: the one finding, a heuristic', () => {
    const outcome = runScenario('sdk-declared-old');
    expect(outcome.visible).toEqual(['pod-sdk-too-old']);
    const finding = findingOfRule(outcome, 'pod-sdk-too-old');
    expect(finding.severity).toBe('info');
    expect(finding.evidence).toEqual({
      expected: '@azure/identity ≥ 3.2.0',
      actual: '3.1.0 (source: annotation)',
    });
    expect(finding.fix.text).toBe('npm install @azure/identity@^4');
  });

  it('does not run without declared metadata', () => {
    expect(runScenario('migration-proxy-sidecar').visible).not.toContain(
      'pod-sdk-too-old',
    );
  });
});

import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-sidecar-receives-identity', () => {
  it('istio-sidecar-not-skipped: the one finding, degraded', () => {
    const outcome = runScenario('istio-sidecar-not-skipped');
    expect(outcome.visible).toEqual(['pod-sidecar-receives-identity']);
    expect(outcome.links.pod).toBe('degraded');
  });

  it('names the sidecar and adds it to skip-containers', () => {
    const finding = findingOfRule(
      runScenario('istio-sidecar-not-skipped'),
      'pod-sidecar-receives-identity',
    );
    expect(finding.evidence).toEqual({
      expected: 'only app holds the identity',
      actual: 'istio-proxy also receives it',
    });
    expect(finding.fix.text).toContain(
      '"azure.workload.identity/skip-containers":"istio-proxy"',
    );
  });
});

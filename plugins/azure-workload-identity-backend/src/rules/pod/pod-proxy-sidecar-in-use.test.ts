import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-proxy-sidecar-in-use', () => {
  it('migration-proxy-sidecar: the one finding, degraded', () => {
    const outcome = runScenario('migration-proxy-sidecar');
    expect(outcome.visible).toEqual(['pod-proxy-sidecar-in-use']);
    expect(outcome.links.pod).toBe('degraded');
  });

  it('names the annotation and removes it after the library upgrade', () => {
    const finding = findingOfRule(
      runScenario('migration-proxy-sidecar'),
      'pod-proxy-sidecar-in-use',
    );
    expect(finding.evidence.actual).toBe(
      'annotation inject-proxy-sidecar="true"',
    );
    expect(finding.fix.text).toContain(
      `kubectl -n orders patch deployment orders-api --type json -p '[{"op":"remove","path":"/spec/template/metadata/annotations/azure.workload.identity~1inject-proxy-sidecar"}]'`,
    );
  });
});

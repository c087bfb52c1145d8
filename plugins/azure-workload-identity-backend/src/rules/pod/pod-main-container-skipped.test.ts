import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-main-container-skipped', () => {
  it('skip-main-container: the one finding', () => {
    expect(runScenario('skip-main-container').visible).toEqual([
      'pod-main-container-skipped',
    ]);
  });

  it('names the annotation and patches it to sidecars only', () => {
    const finding = findingOfRule(
      runScenario('skip-main-container'),
      'pod-main-container-skipped',
    );
    expect(finding.evidence).toEqual({
      expected: 'app receives token and AZURE_*',
      actual: 'skip-containers="app"',
    });
    expect(finding.fix.text).toContain(
      `kubectl -n orders patch deployment orders-api --type merge -p '{"spec":{"template":{"metadata":{"annotations":{"azure.workload.identity/skip-containers":""}}}}}'`,
    );
  });
});

import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-predates-sa-change', () => {
  it('sa-annotated-after-pods: the one finding', () => {
    expect(runScenario('sa-annotated-after-pods').visible).toEqual([
      'pod-predates-sa-change',
    ]);
  });

  it('says the pod runs without the client id and restarts it', () => {
    const finding = findingOfRule(
      runScenario('sa-annotated-after-pods'),
      'pod-predates-sa-change',
    );
    expect(finding.evidence.expected).toBe(
      'AZURE_CLIENT_ID=4024ab25-56a8-4370-aea6-6389221caf29',
    );
    expect(finding.evidence.actual).toMatch(/^absent \(pod created /);
    expect(finding.fix.text).toBe(
      'kubectl -n orders rollout restart deployment/orders-api',
    );
  });

  it('leaves pods that were never mutated to pod-not-mutated', () => {
    const outcome = runScenario('pod-created-unmutated');
    expect([...outcome.visible, ...outcome.masked]).not.toContain(
      'pod-predates-sa-change',
    );
  });
});

import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-credential-secret-leftover', () => {
  it('leftover-sp-secret with inspectSecrets on: the one finding, key names only', () => {
    const outcome = runScenario('leftover-sp-secret', { inspectSecrets: true });
    expect(outcome.visible).toEqual(['pod-credential-secret-leftover']);
    const finding = findingOfRule(outcome, 'pod-credential-secret-leftover');
    expect(finding.evidence.actual).toBe(
      'secret/orders-sp keys client-secret, not referenced',
    );
    expect(finding.fix.text).toContain(
      'kubectl -n orders delete secret orders-sp',
    );
  });

  it('does not run while secrets are not inspected', () => {
    expect(runScenario('leftover-sp-secret').visible).toEqual([]);
  });
});

import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('webhook-duplicate-install', () => {
  it('webhook-double-install: the one finding', () => {
    const outcome = runScenario('webhook-double-install');
    expect(outcome.visible).toEqual(['webhook-duplicate-install']);
    expect(outcome.links.webhook).toBe('degraded');
  });

  it('names both installations and uninstalls the Helm copy', () => {
    const finding = findingOfRule(
      runScenario('webhook-double-install'),
      'webhook-duplicate-install',
    );
    expect(finding.evidence.actual).toBe(
      'kube-system (add-on), azure-workload-identity-system (Helm v1.5.1)',
    );
    expect(finding.fix.text).toBe(
      'helm uninstall workload-identity-webhook -n azure-workload-identity-system',
    );
  });
});

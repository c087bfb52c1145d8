import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { cluster, ok } from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';

describe('webhook-excludes-namespace', () => {
  it('workload-in-kube-system: the root cause masks the unmutated pods', () => {
    const outcome = runScenario('workload-in-kube-system');
    expect(outcome.visible).toEqual(['webhook-excludes-namespace']);
    expect(outcome.masked).toEqual(['pod-not-mutated']);
  });

  it('says the AKS admissions enforcer keeps kube-system away', () => {
    const finding = findingOfRule(
      runScenario('workload-in-kube-system'),
      'webhook-excludes-namespace',
    );
    expect(finding.evidence).toEqual({
      expected: 'namespace kube-system sent to the webhook',
      actual: 'kube-system excluded by AKS admissions enforcer',
    });
    expect(finding.fix.text).toContain(
      'recreate its federated credential for system:serviceaccount:<app-namespace>:orders-api',
    );
  });

  it("names a namespaceSelector that leaves the workload's namespace out", () => {
    const snapshot = scenarioSnapshot('webhook-config-deleted');
    // The baseline webhook again, now selecting only namespaces labelled wi=on.
    const baseline = scenarioSnapshot('webhook-double-install');
    cluster(snapshot).webhookConfigurations = {
      status: 'ok',
      value: ok(cluster(baseline).webhookConfigurations).map(c => ({
        ...c,
        webhooks: c.webhooks.map(w => ({
          ...w,
          namespaceSelector: { matchLabels: { wi: 'on' } },
        })),
      })),
    };
    const outcome = runScenario(snapshot);
    expect(outcome.visible).toEqual(['webhook-excludes-namespace']);
    expect(
      findingOfRule(outcome, 'webhook-excludes-namespace').evidence.actual,
    ).toBe('orders excluded by namespaceSelector {"matchLabels":{"wi":"on"}}');
  });
});

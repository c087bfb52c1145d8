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
    // Where to deploy is the team's choice and deploying is theirs to do: words, no command.
    expect(finding.fix).toEqual({
      kind: 'action',
      owner: 'component',
      text: 'Deploy deployment/orders-api to an application namespace instead of kube-system, and re-create its federated credential for system:serviceaccount:<that namespace>:orders-api.',
    });
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

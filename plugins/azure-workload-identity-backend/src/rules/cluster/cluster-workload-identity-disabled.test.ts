import { managedCluster } from '../../inspection/__testUtils__/access';
import { baselineSnapshot } from '../../inspection/__testUtils__/baselineWorld';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('cluster-workload-identity-disabled', () => {
  it('wi-addon-off: masks the missing webhook and the unmutated pods', () => {
    const outcome = runScenario('wi-addon-off');
    expect(outcome.visible).toEqual(['cluster-workload-identity-disabled']);
    expect(outcome.masked).toEqual(['pod-not-mutated', 'webhook-missing']);
    expect(
      findingOfRule(outcome, 'cluster-workload-identity-disabled').fix,
    ).toEqual({
      kind: 'command',
      owner: 'platform',
      text: 'az aks update -g rg-aks -n aks-prod --subscription 00000000-0000-0000-0000-000000000001 --enable-workload-identity && kubectl -n orders rollout restart deployment/orders-api',
      note: 'The restart gives the workload new pods, which the webhook now mutates: pods started before it never get the token.',
    });
  });

  it('stays silent when a self-managed webhook works without the flag (healthy/helm-webhook)', () => {
    const snapshot = baselineSnapshot();
    managedCluster(snapshot).properties.securityProfile = {
      workloadIdentity: { enabled: false },
    };
    expect(runScenario(snapshot).findings).toEqual([]);
  });
});

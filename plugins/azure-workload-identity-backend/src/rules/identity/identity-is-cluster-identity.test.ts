import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('identity-is-cluster-identity', () => {
  it('app-uses-kubelet-identity: masks the kubelet grant it explains', () => {
    const outcome = runScenario('app-uses-kubelet-identity');
    expect(outcome.visible).toEqual(['identity-is-cluster-identity']);
    expect(outcome.masked).toEqual(['resource-granted-to-kubelet-identity']);
    expect(outcome.links.identity).toBe('degraded');
  });

  it('names the kubelet identity and asks for a dedicated one', () => {
    const finding = findingOfRule(
      runScenario('app-uses-kubelet-identity'),
      'identity-is-cluster-identity',
    );
    expect(finding.evidence).toEqual({
      expected: 'an identity dedicated to component:default/orders-api',
      actual: 'kubelet identity of aks-prod (aks-prod-agentpool)',
    });
    expect(finding.fix.text).toContain('-n id-orders-api');
  });
});

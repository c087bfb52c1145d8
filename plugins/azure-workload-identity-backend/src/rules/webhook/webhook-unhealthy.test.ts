import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('webhook-unhealthy', () => {
  it('webhook-no-endpoints: the one finding, on the webhook link', () => {
    const outcome = runScenario('webhook-no-endpoints');
    expect(outcome.visible).toEqual(['webhook-unhealthy']);
    expect(outcome.masked).toEqual(['pod-admission-rejected']);
    expect(outcome.links.webhook).toBe('broken');
  });

  it('says what is not answering and how to look, restart and reconcile', () => {
    const finding = findingOfRule(
      runScenario('webhook-no-endpoints'),
      'webhook-unhealthy',
    );
    expect(finding.evidence).toEqual({
      expected: 'webhook answering (≥1 ready endpoint)',
      actual: 'availableReplicas=0',
    });
    expect(finding.message).toContain(
      'Its failure policy is Fail, so Kubernetes refuses every new pod',
    );
    expect(finding.fix.owner).toBe('platform');
    expect(finding.fix.text).toContain(
      'kubectl -n kube-system get deploy azure-wi-webhook-controller-manager',
    );
    expect(finding.fix.text).toContain('az aks update -g rg-aks -n aks-prod --subscription 00000000-0000-0000-0000-000000000001');
    expect(finding.fix.text).toContain(
      'kubectl -n orders rollout restart deployment/orders-api',
    );
  });

  it('is silent for a healthy webhook', () => {
    expect(runScenario('webhook-double-install').visible).not.toContain(
      'webhook-unhealthy',
    );
  });
});

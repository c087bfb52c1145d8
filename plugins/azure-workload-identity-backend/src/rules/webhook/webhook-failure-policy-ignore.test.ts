import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('webhook-failure-policy-ignore', () => {
  it('webhook-v015-ignore: the one finding; the healthy webhook breaks nothing else', () => {
    const outcome = runScenario('webhook-v015-ignore');
    expect(outcome.visible).toEqual(['webhook-failure-policy-ignore']);
    expect(outcome.masked).toEqual([]);
    expect(outcome.links.webhook).toBe('degraded');
  });

  it('names the policy, the selector and the image tag it found', () => {
    const finding = findingOfRule(
      runScenario('webhook-v015-ignore'),
      'webhook-failure-policy-ignore',
    );
    expect(finding.evidence.actual).toBe(
      'failurePolicy=Ignore, objectSelector none, image mcr.microsoft.com/oss/azure/workload-identity/webhook:v0.15.0',
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'platform',
      text: 'helm upgrade workload-identity-webhook azure-workload-identity/workload-identity-webhook -n azure-workload-identity-system',
      note: 'First add the label azure.workload.identity/use: "true" to every workload that uses workload identity: from v1.0 the webhook changes only pods that carry it. Or switch to the AKS add-on instead.',
    });
  });
});

import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('webhook-missing', () => {
  it('webhook-config-deleted: masks the unmutated pods it explains', () => {
    const outcome = runScenario('webhook-config-deleted');
    expect(outcome.visible).toEqual(['webhook-missing']);
    expect(outcome.masked).toEqual(['pod-not-mutated']);
    // Hidden behind the webhook on the card, but the pods really are not mutated.
    expect(outcome.links.pod).toBe('broken');
    expect(outcome.links.webhook).toBe('broken');
  });

  it('names the add-on and the Helm fix with the identity tenant filled in', () => {
    const finding = findingOfRule(
      runScenario('webhook-config-deleted'),
      'webhook-missing',
    );
    expect(finding.fix.text).toContain(
      'az aks update -g rg-aks -n aks-prod --subscription 00000000-0000-0000-0000-000000000001 --enable-workload-identity',
    );
    expect(finding.fix.text).toContain(
      '--set azureTenantID=72f988bf-0000-0000-0000-000000000001',
    );
    expect(finding.evidence.actual).toBe(
      'not found in 0 mutating webhook configurations',
    );
  });
});

import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('token-no-fic-configured', () => {
  it('fics-hidden-none-exist: visible inspect-read-forbidden, token-no-fic-configured, nothing masked', () => {
    const outcome = runScenario('fics-hidden-none-exist');
    expect(outcome.visible).toEqual([
      'inspect-read-forbidden',
      'token-no-fic-configured',
    ]);
    expect(outcome.masked).toEqual([]);
  });

  it('fics-hidden-none-exist: quotes Entras answer with trace and correlation ids', () => {
    const finding = findingOfRule(
      runScenario('fics-hidden-none-exist'),
      'token-no-fic-configured',
    );
    expect(finding.evidence.actual).toBe(
      "AADSTS70025: The client '4024ab25-56a8-4370-aea6-6389221caf29' has no configured federated identity credentials. (trace 0c6b1e2a-0000-0000-0000-000000000001, correlation 5d1f0e3b-0000-0000-0000-000000000001, 2026-06-01T09:59:00Z)",
    );
    expect(finding.fix.text).toContain(
      'az identity federated-credential create --name orders-orders-api --identity-name wi-orders --resource-group rg-apps',
    );
  });
});

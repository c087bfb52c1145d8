import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('fic-subject-namespace-mismatch', () => {
  it('fic-subject-ns-typo: the namespace typo masks the probes AADSTS700213 and the stale-subject finding on the same FIC', () => {
    const outcome = runScenario('fic-subject-ns-typo');
    expect(outcome.visible).toEqual(['fic-subject-namespace-mismatch']);
    expect(outcome.masked).toEqual([
      'fic-stale-subject',
      'request-drift',
      'token-subject-rejected',
    ]);
  });

  it('fic-subject-ns-typo: the update command carries the exact names', () => {
    const finding = findingOfRule(
      runScenario('fic-subject-ns-typo'),
      'fic-subject-namespace-mismatch',
    );
    expect(finding.message).toContain('order does not exist on aks-prod');
    expect(finding.evidence).toEqual({
      expected: 'system:serviceaccount:orders:orders-api',
      actual: 'system:serviceaccount:order:orders-api',
    });
    expect(finding.fix.text).toBe(
      'az identity federated-credential update --name orders-api --identity-name wi-orders --resource-group rg-apps --subscription 00000000-0000-0000-0000-000000000001 --issuer https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/11111111-2222-3333-4444-555555555555/ --subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange',
    );
    expect(finding.confirmedBy).toEqual({
      ruleId: 'token-subject-rejected',
      code: 'AADSTS700213',
    });
  });
});

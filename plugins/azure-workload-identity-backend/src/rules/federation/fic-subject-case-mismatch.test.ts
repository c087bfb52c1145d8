import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('fic-subject-case-mismatch', () => {
  it('fic-subject-uppercase: masks AADSTS7002138 and the stale subject of the same FIC', () => {
    const outcome = runScenario('fic-subject-uppercase');
    expect(outcome.visible).toEqual(['fic-subject-case-mismatch']);
    expect(outcome.masked).toEqual([
      'fic-stale-subject',
      'request-drift',
      'token-subject-case-rejected',
    ]);
  });

  it('fic-subject-uppercase: expected and found subject differ only by case', () => {
    const finding = findingOfRule(
      runScenario('fic-subject-uppercase'),
      'fic-subject-case-mismatch',
    );
    expect(finding.evidence).toEqual({
      expected: 'subject=system:serviceaccount:orders:orders-api',
      actual: 'subject=system:serviceaccount:orders:Orders-API',
    });
    expect(finding.fix.text).toBe(
      'az identity federated-credential update --name orders-api --identity-name wi-orders --resource-group rg-apps --subscription 00000000-0000-0000-0000-000000000001 --issuer https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/11111111-2222-3333-4444-555555555555/ --subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange',
    );
  });
});

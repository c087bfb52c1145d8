import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('fic-audience-mismatch', () => {
  it('fic-audience-wrong: masks AADSTS700212', () => {
    const outcome = runScenario('fic-audience-wrong');
    expect(outcome.visible).toEqual(['fic-audience-mismatch']);
    expect(outcome.masked).toEqual([
      'request-drift',
      'token-audience-rejected',
    ]);
  });

  it('fic-audience-wrong: sets the one audience Entra ID accepts', () => {
    const finding = findingOfRule(
      runScenario('fic-audience-wrong'),
      'fic-audience-mismatch',
    );
    expect(finding.evidence).toEqual({
      expected: 'audiences=["api://AzureADTokenExchange"]',
      actual: 'audiences=["https://kubernetes.default.svc.cluster.local"]',
    });
    expect(finding.fix.text).toBe(
      'az identity federated-credential update --name orders-api --identity-name wi-orders --resource-group rg-apps --subscription 00000000-0000-0000-0000-000000000001 --issuer https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/11111111-2222-3333-4444-555555555555/ --subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange',
    );
  });
});

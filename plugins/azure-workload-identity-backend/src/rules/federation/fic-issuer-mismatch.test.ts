import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('fic-issuer-mismatch', () => {
  it('fic-issuer-other-cluster: masks AADSTS700211', () => {
    const outcome = runScenario('fic-issuer-other-cluster');
    expect(outcome.visible).toEqual(['fic-issuer-mismatch']);
    expect(outcome.masked).toEqual(['request-drift', 'token-issuer-rejected']);
  });

  it('fic-issuer-other-cluster: adds a second FIC so both clusters keep working', () => {
    const finding = findingOfRule(
      runScenario('fic-issuer-other-cluster'),
      'fic-issuer-mismatch',
    );
    expect(finding.evidence.actual).toBe(
      'issuer=https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/dddddddd-0000-0000-0000-00000000dddd/ (the issuer of cluster aks-dr)',
    );
    expect(finding.fix.text).toBe(
      'az identity federated-credential create --name orders-orders-api-aks-prod --identity-name wi-orders --resource-group rg-apps --subscription 00000000-0000-0000-0000-000000000001 --issuer https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/11111111-2222-3333-4444-555555555555/ --subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange',
    );
  });
});

import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('fic-issuer-trailing-slash', () => {
  it('fic-issuer-no-slash: masks AADSTS700211 and the unknown-issuer finding of the same FIC', () => {
    const outcome = runScenario('fic-issuer-no-slash');
    expect(outcome.visible).toEqual(['fic-issuer-trailing-slash']);
    expect(outcome.masked).toEqual([
      'fic-unknown-issuer',
      'request-drift',
      'token-issuer-rejected',
    ]);
  });

  it('fic-issuer-no-slash: puts the slash back with the exact issuer', () => {
    const finding = findingOfRule(
      runScenario('fic-issuer-no-slash'),
      'fic-issuer-trailing-slash',
    );
    expect(finding.evidence.actual).toBe(
      'issuer=https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/11111111-2222-3333-4444-555555555555',
    );
    expect(finding.fix.text).toBe(
      'az identity federated-credential update --name orders-api --identity-name wi-orders --resource-group rg-apps --subscription 00000000-0000-0000-0000-000000000001 --issuer https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/11111111-2222-3333-4444-555555555555/ --subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange',
    );
  });
});

import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('fic-missing', () => {
  it('fic-deleted: masks AADSTS70025', () => {
    const outcome = runScenario('fic-deleted');
    expect(outcome.visible).toEqual(['fic-missing']);
    expect(outcome.masked).toEqual([
      'request-drift',
      'token-no-fic-configured',
    ]);
  });

  it('fic-deleted: creates the FIC with the exact issuer and subject', () => {
    const finding = findingOfRule(runScenario('fic-deleted'), 'fic-missing');
    expect(finding.evidence.actual).toBe('none');
    expect(finding.fix.text).toBe(
      'az identity federated-credential create --name orders-orders-api --identity-name wi-orders --resource-group rg-apps --subscription 00000000-0000-0000-0000-000000000001 --issuer https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/11111111-2222-3333-4444-555555555555/ --subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange',
    );
  });
});

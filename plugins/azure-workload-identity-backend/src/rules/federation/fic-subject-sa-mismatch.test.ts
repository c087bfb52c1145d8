import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('fic-subject-sa-mismatch', () => {
  it('fic-subject-sa-typo: masks the probe failure and the stale subject of the same FIC', () => {
    const outcome = runScenario('fic-subject-sa-typo');
    expect(outcome.visible).toEqual(['fic-subject-sa-mismatch']);
    expect(outcome.masked).toEqual([
      'fic-stale-subject',
      'request-drift',
      'token-subject-rejected',
    ]);
  });

  it('fic-subject-sa-typo: the update command carries the exact names', () => {
    const finding = findingOfRule(
      runScenario('fic-subject-sa-typo'),
      'fic-subject-sa-mismatch',
    );
    expect(finding.evidence.actual).toBe(
      'system:serviceaccount:orders:order-api',
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: 'az identity federated-credential update --name orders-api --identity-name wi-orders --resource-group rg-apps --subscription 00000000-0000-0000-0000-000000000001 --issuer https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/11111111-2222-3333-4444-555555555555/ --subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange',
      note: 'If order-api is the account the workload should run as, point the workload at it instead: kubectl -n orders set serviceaccount deployment/orders-api order-api',
    });
  });
});

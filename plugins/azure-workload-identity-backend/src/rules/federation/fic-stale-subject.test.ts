import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('fic-stale-subject', () => {
  it('fic-for-deleted-namespace: a FIC for a namespace that no longer exists', () => {
    const outcome = runScenario('fic-for-deleted-namespace');
    expect(outcome.visible).toEqual(['fic-stale-subject']);
    expect(outcome.masked).toEqual([]);
  });

  it('fic-for-deleted-namespace: deletes exactly that FIC', () => {
    const finding = findingOfRule(
      runScenario('fic-for-deleted-namespace'),
      'fic-stale-subject',
    );
    expect(finding.evidence.actual).toBe(
      'system:serviceaccount:orders-legacy:orders-api on aks-prod: namespace orders-legacy not found',
    );
    expect(finding.fix.text).toBe(
      'az identity federated-credential delete --name orders-legacy --identity-name wi-orders --resource-group rg-apps --subscription 00000000-0000-0000-0000-000000000001 --yes',
    );
  });
});

import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('sa-client-id-is-principal-id', () => {
  it('client-id-is-principal-id: masks the AADSTS700016 of the probe', () => {
    const outcome = runScenario('client-id-is-principal-id');
    expect(outcome.visible).toEqual(['sa-client-id-is-principal-id']);
    expect(outcome.masked).toEqual(['request-drift', 'token-client-not-found']);
    const finding = findingOfRule(outcome, 'sa-client-id-is-principal-id');
    expect(finding.confirmedBy).toEqual({
      ruleId: 'token-client-not-found',
      code: 'AADSTS700016',
    });
  });

  it('names both ids and the exact overwrite', () => {
    const finding = findingOfRule(
      runScenario('client-id-is-principal-id'),
      'sa-client-id-is-principal-id',
    );
    expect(finding.evidence).toEqual({
      expected: 'client id 4024ab25-56a8-4370-aea6-6389221caf29',
      actual:
        '25cc773c-7f05-40fc-a104-32d2300754ad = principal id of wi-orders',
    });
    expect(finding.fix.text).toBe(
      'kubectl -n orders annotate sa orders-api azure.workload.identity/client-id=4024ab25-56a8-4370-aea6-6389221caf29 --overwrite && kubectl -n orders rollout restart deployment/orders-api',
    );
  });
});

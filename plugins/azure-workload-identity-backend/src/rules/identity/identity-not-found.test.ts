import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('identity-not-found', () => {
  it('identity-deleted: the root cause, masking what it explains', () => {
    const outcome = runScenario('identity-deleted');
    expect(outcome.visible).toEqual(['identity-not-found']);
    // Its credentials went with it: with no identity there is no FIC list to find one missing in.
    expect(outcome.masked).toEqual([
      'ra-orphaned',
      'request-drift',
      'sa-client-id-unknown',
      'token-client-not-found',
    ]);
    expect(outcome.links.identity).toBe('broken');
  });

  it('says the identity is gone and how to get a new one', () => {
    const finding = findingOfRule(
      runScenario('identity-deleted'),
      'identity-not-found',
    );
    expect(finding.evidence).toEqual({
      expected: 'userAssignedIdentities/wi-orders exists',
      actual: '404 ResourceNotFound',
    });
    expect(finding.fix.text).toContain(
      'az identity create --resource-group rg-apps --subscription 00000000-0000-0000-0000-000000000001 -n wi-orders',
    );
    expect(finding.fix.text).toContain(
      'kubectl -n orders annotate sa orders-api azure.workload.identity/client-id=<new client id> --overwrite',
    );
  });
});

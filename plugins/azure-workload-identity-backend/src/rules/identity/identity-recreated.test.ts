import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('identity-recreated', () => {
  it('identity-recreated-same-name: the root cause, masking what it explains', () => {
    const outcome = runScenario('identity-recreated-same-name');
    expect(outcome.visible).toEqual(['identity-recreated']);
    expect(outcome.masked).toEqual([
      'fic-missing',
      'ra-missing',
      'ra-orphaned',
      'request-drift',
      'sa-client-id-unknown',
      'token-client-not-found',
    ]);
  });

  it('puts the recorded ids beside the live ones and points everything at the new ones', () => {
    const finding = findingOfRule(
      runScenario('identity-recreated-same-name'),
      'identity-recreated',
    );
    expect(finding.evidence).toEqual({
      expected:
        'clientId=4024ab25-56a8-4370-aea6-6389221caf29, principalId=25cc773c-7f05-40fc-a104-32d2300754ad',
      actual:
        'clientId=7a7a7a7a-0000-0000-0000-0000000000c2, principalId=7b7b7b7b-0000-0000-0000-0000000000d2',
    });
    expect(finding.fix.text).toContain(
      'azure.workload.identity/client-id=7a7a7a7a-0000-0000-0000-0000000000c2',
    );
    expect(finding.fix.text).toContain(
      '--assignee-object-id 7b7b7b7b-0000-0000-0000-0000000000d2',
    );
  });
});

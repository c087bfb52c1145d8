import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('token-subject-rejected', () => {
  it('fics-hidden-subject-typo: visible inspect-read-forbidden, token-subject-rejected, nothing masked', () => {
    const outcome = runScenario('fics-hidden-subject-typo');
    expect(outcome.visible).toEqual([
      'inspect-read-forbidden',
      'token-subject-rejected',
    ]);
    expect(outcome.masked).toEqual([]);
  });

  it('fics-hidden-subject-typo: gives the update with the pods subject', () => {
    const finding = findingOfRule(
      runScenario('fics-hidden-subject-typo'),
      'token-subject-rejected',
    );
    expect(finding.fix.text).toContain(
      '--subject system:serviceaccount:orders:orders-api',
    );
  });
});

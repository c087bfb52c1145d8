import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('token-subject-case-rejected', () => {
  it('fics-hidden-subject-case: visible inspect-read-forbidden, token-subject-case-rejected, nothing masked', () => {
    const outcome = runScenario('fics-hidden-subject-case');
    expect(outcome.visible).toEqual([
      'inspect-read-forbidden',
      'token-subject-case-rejected',
    ]);
    expect(outcome.masked).toEqual([]);
  });

  it('fics-hidden-subject-case: says the comparison is case-sensitive', () => {
    const finding = findingOfRule(
      runScenario('fics-hidden-subject-case'),
      'token-subject-case-rejected',
    );
    expect(finding.message).toContain('case-sensitively');
  });
});

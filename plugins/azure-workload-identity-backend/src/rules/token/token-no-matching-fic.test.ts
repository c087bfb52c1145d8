import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('token-no-matching-fic', () => {
  it('fic-propagating-external: visible token-no-matching-fic, nothing masked', () => {
    const outcome = runScenario('fic-propagating-external');
    expect(outcome.visible).toEqual(['token-no-matching-fic']);
    expect(outcome.masked).toEqual([]);
  });

  it('fic-propagating-external: pending, not broken, while ARM already shows the exact FIC', () => {
    const finding = findingOfRule(
      runScenario('fic-propagating-external'),
      'token-no-matching-fic',
    );
    expect(finding.state).toBe('pending');
    expect(finding.severity).toBe('info');
  });
});

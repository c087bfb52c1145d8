import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('token-audience-rejected', () => {
  it('fics-hidden-audience-wrong: visible inspect-read-forbidden, token-audience-rejected, nothing masked', () => {
    const outcome = runScenario('fics-hidden-audience-wrong');
    expect(outcome.visible).toEqual([
      'inspect-read-forbidden',
      'token-audience-rejected',
    ]);
    expect(outcome.masked).toEqual([]);
  });

  it('fics-hidden-audience-wrong: gives the update with the audience', () => {
    const finding = findingOfRule(
      runScenario('fics-hidden-audience-wrong'),
      'token-audience-rejected',
    );
    expect(finding.fix.text).toContain(
      '--audiences api://AzureADTokenExchange',
    );
  });
});

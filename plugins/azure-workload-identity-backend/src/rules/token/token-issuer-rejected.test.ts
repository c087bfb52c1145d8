import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('token-issuer-rejected', () => {
  it('fics-hidden-issuer-no-slash: visible inspect-read-forbidden, token-issuer-rejected, nothing masked', () => {
    const outcome = runScenario('fics-hidden-issuer-no-slash');
    expect(outcome.visible).toEqual([
      'inspect-read-forbidden',
      'token-issuer-rejected',
    ]);
    expect(outcome.masked).toEqual([]);
  });

  it('fics-hidden-issuer-no-slash: the token link is broken while federation is unknown', () => {
    const finding = findingOfRule(
      runScenario('fics-hidden-issuer-no-slash'),
      'token-issuer-rejected',
    );
    expect(finding.state).toBe('broken');
    const outcome = runScenario('fics-hidden-issuer-no-slash');
    expect(outcome.links.federation).toBe('unknown');
    expect(outcome.links.token).toBe('broken');
  });
});

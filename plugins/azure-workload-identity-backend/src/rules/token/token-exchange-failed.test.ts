import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('token-exchange-failed', () => {
  it('entra-unexpected-error: visible token-exchange-failed, nothing masked', () => {
    const outcome = runScenario('entra-unexpected-error');
    expect(outcome.visible).toEqual(['token-exchange-failed']);
    expect(outcome.masked).toEqual([]);
  });

  it('entra-unexpected-error: links the error lookup for the raw code', () => {
    const finding = findingOfRule(
      runScenario('entra-unexpected-error'),
      'token-exchange-failed',
    );
    expect(finding.fix.text).toBe(
      'Look up https://login.microsoftonline.com/error?code=50027',
    );
  });
});

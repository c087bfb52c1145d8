import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('token-issuer-unreachable', () => {
  it('issuer-unreachable-from-entra: visible token-issuer-unreachable, nothing masked', () => {
    const outcome = runScenario('issuer-unreachable-from-entra');
    expect(outcome.visible).toEqual(['token-issuer-unreachable']);
    expect(outcome.masked).toEqual([]);
  });

  it('issuer-unreachable-from-entra: reconciles the cluster', () => {
    const finding = findingOfRule(
      runScenario('issuer-unreachable-from-entra'),
      'token-issuer-unreachable',
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'platform',
      text: 'az aks update -g rg-aks -n aks-prod --subscription 00000000-0000-0000-0000-000000000001',
      note: 'az aks update without other options reconciles the cluster. If Entra ID still cannot fetch the issuer afterwards, open an Azure support request.',
    });
  });
});

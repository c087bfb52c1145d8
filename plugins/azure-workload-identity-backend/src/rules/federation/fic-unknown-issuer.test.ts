import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('fic-unknown-issuer', () => {
  it('fic-for-unknown-cluster: a FIC trusting a cluster Backstage does not know', () => {
    const outcome = runScenario('fic-for-unknown-cluster');
    expect(outcome.visible).toEqual(['fic-unknown-issuer']);
    expect(outcome.masked).toEqual([]);
  });

  it('fic-for-unknown-cluster: deletes exactly that FIC', () => {
    const finding = findingOfRule(
      runScenario('fic-for-unknown-cluster'),
      'fic-unknown-issuer',
    );
    expect(finding.evidence.actual).toBe(
      'https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/99999999-0000-0000-0000-000000000099/',
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: 'az identity federated-credential delete --name orders-old-cluster --identity-name wi-orders --resource-group rg-apps --subscription 00000000-0000-0000-0000-000000000001 --yes',
      note: 'If the identity is meant to trust https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/99999999-0000-0000-0000-000000000099/ (a cluster outside this portal), keep the credential and list the issuer in healthRules.externalIssuers instead.',
    });
  });

  it('stays silent for an issuer listed in healthRules.externalIssuers', () => {
    const outcome = runScenario('fic-for-unknown-cluster', {
      externalIssuers: [
        'https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/99999999-0000-0000-0000-000000000099/',
      ],
    });
    expect(outcome.findings).toEqual([]);
  });
});

import { cluster } from '../../inspection/__testUtils__/access';
import { baselineSnapshot } from '../../inspection/__testUtils__/baselineWorld';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

describe('cluster-oidc-discovery-broken', () => {
  it('oidc-discovery-404: masks the AADSTS90061 the probe got and records it as confirmation', () => {
    const outcome = runScenario('oidc-discovery-404');
    expect(outcome.visible).toEqual(['cluster-oidc-discovery-broken']);
    expect(outcome.masked).toEqual(['token-issuer-unreachable']);
    const finding = findingOfRule(outcome, 'cluster-oidc-discovery-broken');
    expect(finding.evidence.actual).toBe('404');
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'platform',
      text: [
        `curl -s ${W.issuer}.well-known/openid-configuration`,
        `curl -s ${W.issuer}openid/v1/jwks`,
        `az aks update -g rg-aks -n aks-prod --subscription ${W.sub}`,
      ].join('\n'),
      note: `The two curl commands show what the issuer serves: the discovery document must name ${W.issuer} as its issuer, and the key set must hold an RS256 key. az aks update without other options reconciles the cluster. If the documents stay broken, open an Azure support request.`,
    });
    expect(finding.confirmedBy).toEqual({
      ruleId: 'token-issuer-unreachable',
      code: 'AADSTS90061',
    });
  });

  it('reports a discovery document whose issuer differs byte for byte', () => {
    const snapshot = baselineSnapshot();
    const discovery = cluster(snapshot).discovery;
    if (discovery.status === 'ok')
      discovery.value.document!.issuer =
        discovery.value.document!.issuer!.replace(/\/$/, '');
    const finding = findingOfRule(
      runScenario(snapshot),
      'cluster-oidc-discovery-broken',
    );
    expect(finding.evidence.actual).toMatch(
      /^issuer=https:\/\/oidc\.prod-aks\.azure\.com\/.*555555555555$/,
    );
  });

  it('reports a JWKS without an RS256 key', () => {
    const snapshot = baselineSnapshot();
    const discovery = cluster(snapshot).discovery;
    if (discovery.status === 'ok') discovery.value.jwks!.keys = [];
    expect(runScenario(snapshot).visible).toEqual([
      'cluster-oidc-discovery-broken',
    ]);
  });
});

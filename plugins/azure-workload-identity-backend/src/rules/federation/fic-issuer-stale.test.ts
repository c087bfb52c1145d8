import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { binding, ok } from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import { W } from '../../inspection/__testUtils__/world';

describe('fic-issuer-stale', () => {
  it('cluster-rebuilt: masks AADSTS700211 and fic-unknown-issuer for the same FIC', () => {
    const outcome = runScenario('cluster-rebuilt');
    expect(outcome.visible).toEqual(['fic-issuer-stale']);
    expect(outcome.masked).toEqual([
      'fic-unknown-issuer',
      'token-issuer-rejected',
    ]);
  });

  it('cluster-rebuilt: points the FIC to the new issuer', () => {
    const finding = findingOfRule(
      runScenario('cluster-rebuilt'),
      'fic-issuer-stale',
    );
    expect(finding.evidence.actual).toBe(
      "issuer=https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/11111111-2222-3333-4444-555555555555/ (this cluster's issuer until 2026-05-20T08:00:00Z)",
    );
    expect(finding.fix.text).toContain(
      '--issuer https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/66666666-7777-8888-9999-000000000000/',
    );
  });

  it("names the identity's subscription, which need not be the shell's default", () => {
    const other = '00000000-0000-0000-0000-000000000002';
    const snapshot = scenarioSnapshot('cluster-rebuilt');
    const identity = ok(binding(snapshot).identity)!;
    identity.id = identity.id.replace(W.sub, other);
    const finding = findingOfRule(runScenario(snapshot), 'fic-issuer-stale');
    expect(finding.fix.text).toContain(
      `--identity-name wi-orders --resource-group rg-apps --subscription ${other} --issuer `,
    );
  });

  it('cluster-rebuilt with an undated history (from configuration): says it was rebuilt', () => {
    const snapshot = scenarioSnapshot('cluster-rebuilt');
    const history = snapshot.issuerHistory;
    if (history.status !== 'ok')
      throw new Error('the scenario reads its history');
    history.value = history.value.map(h => ({
      ...h,
      firstSeen: '',
      lastSeen: '',
    }));
    const finding = findingOfRule(runScenario(snapshot), 'fic-issuer-stale');
    expect(finding.evidence.actual).toMatch(
      /\(this cluster's issuer until it was rebuilt\)$/,
    );
    expect(finding.message).toContain('had before it was rebuilt');
  });
});

import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('cluster-oidc-issuer-disabled', () => {
  it('oidc-issuer-off: shows only the root cause; the FIC and the skipped probe are masked', () => {
    const outcome = runScenario('oidc-issuer-off');
    expect(outcome.visible).toEqual(['cluster-oidc-issuer-disabled']);
    expect(outcome.masked).toEqual([
      'fic-issuer-mismatch',
      'token-probe-not-run',
    ]);
    expect(outcome.links.cluster).toBe('broken');
    // What the masked findings say stays true of their links: no issuer matches the FIC's,
    // and no exchange was tried.
    expect(outcome.links.federation).toBe('broken');
    expect(outcome.links.token).toBe('unknown');
  });

  it('gives the exact az commands for the cluster and says what it found', () => {
    const finding = findingOfRule(
      runScenario('oidc-issuer-off'),
      'cluster-oidc-issuer-disabled',
    );
    const cluster =
      '-g rg-aks -n aks-prod --subscription 00000000-0000-0000-0000-000000000001';
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'platform',
      text: `az aks update ${cluster} --enable-oidc-issuer && az aks show ${cluster} --query oidcIssuerProfile.issuerUrl -o tsv`,
      note: 'The second command prints the issuer URL: use it exactly as printed in every federated credential. Enabling the issuer restarts the API server and changes the token issuer, so restart the pods that use service account tokens afterwards. It cannot be turned off again.',
    });
    expect(finding.evidence.actual).toBe('enabled=false, issuerURL=none');
  });
});

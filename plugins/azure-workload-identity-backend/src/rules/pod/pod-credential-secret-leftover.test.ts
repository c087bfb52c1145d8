import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-credential-secret-leftover', () => {
  it('leftover-sp-secret with inspectSecrets on: the one finding, key names only', () => {
    const outcome = runScenario('leftover-sp-secret', { inspectSecrets: true });
    expect(outcome.visible).toEqual(['pod-credential-secret-leftover']);
    const finding = findingOfRule(outcome, 'pod-credential-secret-leftover');
    expect(finding.evidence.actual).toBe(
      'secret/orders-sp keys client-secret, not referenced',
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: 'kubectl -n orders delete secret orders-sp',
      note: 'First revoke the credential where it was issued (the client secret in Entra ID, the account key or SAS token on the resource): deleting the Secret does not stop a copy of it from working.',
    });
  });

  it('does not run while secrets are not inspected', () => {
    expect(runScenario('leftover-sp-secret').visible).toEqual([]);
  });
});

import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-static-credential-env', () => {
  it('client-secret-still-in-env: the one finding', () => {
    expect(runScenario('client-secret-still-in-env').visible).toEqual([
      'pod-static-credential-env',
    ]);
  });

  it('says the secret wins over workload identity, naming only where it comes from', () => {
    const finding = findingOfRule(
      runScenario('client-secret-still-in-env'),
      'pod-static-credential-env',
    );
    expect(finding.severity).toBe('error');
    expect(finding.evidence.actual).toBe(
      'env AZURE_CLIENT_SECRET from secret/orders-sp key client-secret in container app',
    );
    expect(finding.message).toContain(
      'signs in with the secret, not with workload identity',
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: 'kubectl -n orders set env deployment/orders-api -c app AZURE_CLIENT_SECRET- && kubectl -n orders delete secret orders-sp',
      note: 'Then revoke the credential where it was issued (the client secret in Entra ID, the account key or SAS token on the resource): removing it from the cluster does not stop a copy of it from working.',
    });
  });
});

import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('token-client-not-found', () => {
  it('client-id-outside-inventory: visible inspect-read-forbidden, token-client-not-found, nothing masked', () => {
    const outcome = runScenario('client-id-outside-inventory');
    expect(outcome.visible).toEqual([
      'inspect-read-forbidden',
      'token-client-not-found',
    ]);
    expect(outcome.masked).toEqual([]);
  });

  it('client-id-outside-inventory: names the client id and the tenant', () => {
    const finding = findingOfRule(
      runScenario('client-id-outside-inventory'),
      'token-client-not-found',
    );
    expect(finding.message).toBe(
      'Entra ID refused the token exchange: there is no application or managed identity with client id 7e7e7e7e-0000-0000-0000-00000000007e in directory 72f988bf-0000-0000-0000-000000000001.',
    );
    // Which identity was meant is the team's to say: the lookup first, on its own line.
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: [
        `az identity list --query "[?clientId=='7e7e7e7e-0000-0000-0000-00000000007e'].{name:name, tenant:tenantId}" -o table`,
        'kubectl -n orders annotate sa orders-api azure.workload.identity/client-id=<client-id> --overwrite && kubectl -n orders rollout restart deployment/orders-api',
      ].join('\n'),
      note: 'The first command shows whether an identity with client id 7e7e7e7e-0000-0000-0000-00000000007e exists in the subscription az uses, and in which tenant. Replace <client-id> with the client id of the identity the workload should use.',
    });
  });
});

import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('token-tenant-not-found', () => {
  it('tenant-wrong-identity-hidden: visible inspect-read-forbidden, token-tenant-not-found, nothing masked', () => {
    const outcome = runScenario('tenant-wrong-identity-hidden');
    expect(outcome.visible).toEqual([
      'inspect-read-forbidden',
      'token-tenant-not-found',
    ]);
    expect(outcome.masked).toEqual([]);
  });

  it('tenant-wrong-identity-hidden: fixes the tenant annotation the pods use', () => {
    const finding = findingOfRule(
      runScenario('tenant-wrong-identity-hidden'),
      'token-tenant-not-found',
    );
    expect(finding.message).toContain(
      'tenant 00000000-dead-0000-0000-000000000000 (from the annotation) does not exist',
    );
    expect(finding.fix.text).toContain(
      'kubectl -n orders annotate sa orders-api azure.workload.identity/tenant-id=',
    );
  });
});

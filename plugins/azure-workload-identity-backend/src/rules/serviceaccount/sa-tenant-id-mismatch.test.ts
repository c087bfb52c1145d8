import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('sa-tenant-id-mismatch', () => {
  it('tenant-id-wrong: masks token-client-not-found', () => {
    const outcome = runScenario('tenant-id-wrong');
    expect(outcome.visible).toEqual(['sa-tenant-id-mismatch']);
    expect(outcome.masked).toEqual(['token-client-not-found']);
    const finding = findingOfRule(outcome, 'sa-tenant-id-mismatch');
    expect(finding.evidence).toEqual({
      expected: 'AZURE_TENANT_ID=72f988bf-0000-0000-0000-000000000001',
      actual: '72f988bf-0000-0000-0000-000000000002 (from annotation)',
    });
    expect(finding.fix.text).toBe(
      'kubectl -n orders annotate sa orders-api azure.workload.identity/tenant-id=72f988bf-0000-0000-0000-000000000001 --overwrite && kubectl -n orders rollout restart deployment/orders-api',
    );
  });

  it('tenant-id-nonexistent: masks token-tenant-not-found', () => {
    const outcome = runScenario('tenant-id-nonexistent');
    expect(outcome.visible).toEqual(['sa-tenant-id-mismatch']);
    expect(outcome.masked).toEqual(['token-tenant-not-found']);
  });
});

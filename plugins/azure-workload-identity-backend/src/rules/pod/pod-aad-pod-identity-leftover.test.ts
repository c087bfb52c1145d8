import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-aad-pod-identity-leftover', () => {
  it('aad-pod-identity-binding-left: a leftover next to a working workload identity', () => {
    const outcome = runScenario('aad-pod-identity-binding-left');
    expect(outcome.visible).toEqual(['pod-aad-pod-identity-leftover']);
    expect(outcome.masked).toEqual([]);
    const finding = findingOfRule(outcome, 'pod-aad-pod-identity-leftover');
    expect(finding.state).toBe('degraded');
    expect(finding.message).toContain(
      'Remove it now that workload identity works',
    );
    expect(finding.evidence.actual).toBe(
      'label aadpodidbinding=orders-api; AzureIdentityBinding orders-api-binding → AzureIdentity orders-api-identity',
    );
    expect(finding.fix.text).toBe(
      `kubectl -n orders delete azureidentitybinding orders-api-binding && kubectl -n orders patch deployment orders-api --type json -p '[{"op":"remove","path":"/spec/template/metadata/labels/aadpodidbinding"}]'`,
    );
  });
});

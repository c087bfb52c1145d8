import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-uses-default-sa', () => {
  it('default-sa-federated: the one finding', () => {
    expect(runScenario('default-sa-federated').visible).toEqual([
      'pod-uses-default-sa',
    ]);
  });

  it('moves the workload to a service account of its own, credential and all', () => {
    const finding = findingOfRule(
      runScenario('default-sa-federated'),
      'pod-uses-default-sa',
    );
    expect(finding.evidence).toEqual({
      expected: 'dedicated service account',
      actual: 'default',
    });
    expect(finding.fix.text).toContain(
      'kubectl -n orders create serviceaccount orders-api',
    );
    expect(finding.fix.text).toContain(
      'az identity federated-credential update --name orders-api --identity-name wi-orders --resource-group rg-apps',
    );
    expect(finding.fix.text).toContain(
      '--subject system:serviceaccount:orders:orders-api',
    );
  });
});

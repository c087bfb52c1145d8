import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-token-path-mismatch', () => {
  it('token-path-hardcoded-v15: the one finding', () => {
    expect(runScenario('token-path-hardcoded-v15').visible).toEqual([
      'pod-token-path-mismatch',
    ]);
  });

  it('puts the mounted path beside the hard-coded one and unsets the variable', () => {
    const finding = findingOfRule(
      runScenario('token-path-hardcoded-v15'),
      'pod-token-path-mismatch',
    );
    expect(finding.evidence).toEqual({
      expected:
        'AZURE_FEDERATED_TOKEN_FILE=/var/run/secrets/azure/wi/token/azure-identity-token',
      actual: '/var/run/secrets/azure/tokens/azure-identity-token',
    });
    expect(finding.fix.text).toBe(
      'kubectl -n orders set env deployment/orders-api -c app AZURE_FEDERATED_TOKEN_FILE-',
    );
  });
});

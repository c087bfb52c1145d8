import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-admission-rejected', () => {
  it('webhook-denies-generic: the one finding', () => {
    expect(runScenario('webhook-denies-generic').visible).toEqual([
      'pod-admission-rejected',
    ]);
  });

  it("quotes Kubernetes' refusal and shows where to read it", () => {
    const finding = findingOfRule(
      runScenario('webhook-denies-generic'),
      'pod-admission-rejected',
    );
    expect(finding.message).toBe(
      'Kubernetes refuses to create pods for deployment/orders-api: Error creating: admission webhook "mutation.azure-workload-identity.io" denied the request: internal error',
    );
    expect(finding.fix.text).toBe(
      'kubectl -n orders get events --field-selector reason=FailedCreate --sort-by=.lastTimestamp',
    );
  });

  it('is masked when the webhook is the known cause', () => {
    expect(runScenario('webhook-no-endpoints').masked).toContain(
      'pod-admission-rejected',
    );
  });
});

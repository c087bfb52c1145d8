import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('sa-shared-across-components', () => {
  it('sa-shared-with-billing: the one finding', () => {
    const outcome = runScenario('sa-shared-with-billing');
    expect(outcome.visible).toEqual(['sa-shared-across-components']);
    // All the sharing goes through this service account.
    expect(outcome.masked).toEqual(['identity-shared-blast-radius']);
    expect(outcome.links.serviceaccount).toBe('degraded');
  });

  it('names the components sharing it and gives the other one a service account of its own', () => {
    const finding = findingOfRule(
      runScenario('sa-shared-with-billing'),
      'sa-shared-across-components',
    );
    expect(finding.message).toBe(
      'Service account orders-api is also used by billing-worker; they all receive wi-orders and every role it holds.',
    );
    expect(finding.evidence.actual).toBe('orders-api, billing-worker');
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: 'kubectl -n orders set serviceaccount deployment/billing-worker billing-worker',
      note: "Run it only once billing-worker has Azure access of its own: request it from billing-worker's card for service account billing-worker in orders, which creates that account with its own identity and federated credential. Moved earlier, the workload loses Azure access.",
    });
  });

  it('is silent when the namespace holds only this component', () => {
    expect(runScenario('request-expires-in-3-days').visible).not.toContain(
      'sa-shared-across-components',
    );
  });
});

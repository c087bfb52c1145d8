import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('sa-missing', () => {
  it('sa-deleted: masks the refused pods and the skipped probe', () => {
    const outcome = runScenario('sa-deleted');
    expect(outcome.visible).toEqual(['sa-missing']);
    // The FIC matching still runs: a FIC whose subject is S while sa-missing fires is masked, not excluded.
    expect(outcome.masked).toEqual([
      'fic-stale-subject',
      'pod-admission-rejected',
      'token-probe-not-run',
    ]);
  });

  it('creates and annotates the account with the recorded client id', () => {
    const finding = findingOfRule(runScenario('sa-deleted'), 'sa-missing');
    expect(finding.fix.text).toBe(
      'kubectl -n orders create serviceaccount orders-api && kubectl -n orders annotate sa orders-api azure.workload.identity/client-id=4024ab25-56a8-4370-aea6-6389221caf29',
    );
  });
});

import { workload } from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('sa-client-id-missing', () => {
  it('sa-annotation-removed: masks the probe that could not run', () => {
    const outcome = runScenario('sa-annotation-removed');
    expect(outcome.visible).toEqual(['sa-client-id-missing']);
    expect(outcome.masked).toEqual(['request-drift', 'token-probe-not-run']);
    expect(findingOfRule(outcome, 'sa-client-id-missing').fix.text).toBe(
      'kubectl -n orders annotate sa orders-api azure.workload.identity/client-id=4024ab25-56a8-4370-aea6-6389221caf29 && kubectl -n orders rollout restart deployment/orders-api',
    );
  });

  it('stays silent when the container sets AZURE_CLIENT_ID itself', () => {
    const snapshot = scenarioSnapshot('sa-annotation-removed');
    workload(snapshot).template.spec.containers[0].env = [
      {
        name: 'AZURE_CLIENT_ID',
        value: '4024ab25-56a8-4370-aea6-6389221caf29',
      },
    ];
    expect(runScenario(snapshot).visible).not.toContain('sa-client-id-missing');
  });
});

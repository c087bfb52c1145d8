import {
  binding,
  serviceAccount,
  workload,
} from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

const KEY = 'azure.workload.identity/service-account-token-expiration';

describe('sa-token-expiration-invalid', () => {
  it('token-expiration-600: broken, the refused rollout it explains is masked', () => {
    const outcome = runScenario('token-expiration-600');
    expect(outcome.visible).toEqual(['sa-token-expiration-invalid']);
    expect(outcome.masked).toEqual(['pod-admission-rejected']);
    const finding = findingOfRule(outcome, 'sa-token-expiration-invalid');
    expect(finding.state).toBe('broken');
    expect(finding.evidence).toEqual({
      expected: 'integer in [3600, 86400] (default 3600)',
      actual: '"600" (from sa)',
    });
    expect(finding.fix.text).toBe(
      `kubectl -n orders annotate sa orders-api ${KEY}=3600 --overwrite`,
    );
  });

  it('is degraded before any rollout, and the template annotation wins over the SA', () => {
    const snapshot = scenarioSnapshot('token-expiration-600');
    binding(snapshot).events = { status: 'ok', value: [] };
    expect(
      findingOfRule(runScenario(snapshot), 'sa-token-expiration-invalid').state,
    ).toBe('degraded');
    workload(snapshot).template.metadata.annotations = { [KEY]: '1h' };
    const finding = findingOfRule(
      runScenario(snapshot),
      'sa-token-expiration-invalid',
    );
    expect(finding.evidence.actual).toBe('"1h" (from pod)');
    expect(finding.fix.text).toBe(
      `kubectl -n orders patch deployment/orders-api --type merge -p '{"spec":{"template":{"metadata":{"annotations":{"${KEY}":"3600"}}}}}'`,
    );
  });

  it('accepts both bounds (healthy/explicit-tenant-and-expiration, healthy/boundaries)', () => {
    for (const value of ['3600', '86400']) {
      const snapshot = scenarioSnapshot('token-expiration-600');
      binding(snapshot).events = { status: 'ok', value: [] };
      serviceAccount(snapshot).metadata.annotations![KEY] = value;
      expect(runScenario(snapshot).findings).toEqual([]);
    }
  });
});

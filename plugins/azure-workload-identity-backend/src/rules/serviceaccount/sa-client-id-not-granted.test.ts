import { serviceAccount } from '../../inspection/__testUtils__/access';
import { baselineSnapshot } from '../../inspection/__testUtils__/baselineWorld';
import {
  currentGuardrails,
  withGuardrails,
} from '../../inspection/__testUtils__/guardrails';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import { W } from '../../inspection/__testUtils__/world';

/** The baseline with no grant for the identity in `orders`: attached around the portal. */
function notGranted(mode: 'audit' | 'deny' | 'off') {
  return withGuardrails(baselineSnapshot(), mode, {
    status: 'ok',
    value: {
      ...currentGuardrails(),
      granted: { payments: [W.clientId] },
    },
  });
}

describe('sa-client-id-not-granted', () => {
  it('finds nothing where the client id is granted to the namespace, in any case', () => {
    const snapshot = withGuardrails(baselineSnapshot(), 'deny');
    serviceAccount(snapshot).metadata.annotations![
      'azure.workload.identity/client-id'
    ] = W.clientId.toUpperCase();
    expect(runScenario(snapshot).visible).not.toContain(
      'sa-client-id-not-granted',
    );
  });

  it('reports a client id granted to another namespace only, as an error in deny mode', () => {
    const outcome = runScenario(notGranted('deny'));
    expect(outcome.visible).toEqual(['sa-client-id-not-granted']);
    expect(outcome.links.serviceaccount).toBe('degraded');
    const finding = findingOfRule(outcome, 'sa-client-id-not-granted');
    expect(finding).toMatchObject({
      severity: 'error',
      state: 'degraded',
      ref: { kind: 'ServiceAccount', namespace: 'orders', name: 'orders-api' },
      evidence: {
        expected: 'a client id granted to orders (none is)',
        actual: W.clientId,
      },
    });
    expect(finding.message).toBe(
      `Service account orders/orders-api names client id ${W.clientId}, which no request of the portal grants to namespace orders: it was attached around the portal. The guardrails of aks-prod refuse any update of the service account while it keeps the annotation.`,
    );
    expect(finding.fix.owner).toBe('component');
    expect(finding.fix.text).toContain(
      'kubectl -n orders annotate sa orders-api azure.workload.identity/client-id- && kubectl -n orders rollout restart deployment/orders-api',
    );
  });

  it('is a warning in audit mode, and counts the grants of the namespace without naming them', () => {
    const snapshot = notGranted('audit');
    const facts = snapshot.clusters[0].guardrails!.installed;
    if (facts.status === 'ok') {
      facts.value.granted.orders = [
        '11111111-0000-0000-0000-000000000001',
        '11111111-0000-0000-0000-000000000002',
      ];
    }
    const finding = findingOfRule(
      runScenario(snapshot),
      'sa-client-id-not-granted',
    );
    expect(finding.severity).toBe('warning');
    expect(finding.evidence.expected).toBe(
      'a client id granted to orders (2 are)',
    );
    expect(finding.message).toContain(
      'let updates of the service account through with a warning and an audit record',
    );
  });

  it('finds nothing where guardrails are off: the portal is not the authority there', () => {
    expect(runScenario(notGranted('off')).visible).toEqual([]);
  });

  it('stays behind sa-client-id-unknown when the client id is a typo', () => {
    const outcome = runScenario(
      withGuardrails(scenarioSnapshot('client-id-typo'), 'deny'),
    );
    expect(outcome.visible).toEqual(['sa-client-id-unknown']);
    expect(outcome.masked).toEqual([
      'request-drift',
      'sa-client-id-not-granted',
      'token-client-not-found',
    ]);
  });
});

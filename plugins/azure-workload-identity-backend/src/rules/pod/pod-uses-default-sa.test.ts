import { binding } from '../../inspection/__testUtils__/access';
import { withGuardrails } from '../../inspection/__testUtils__/guardrails';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import { W } from '../../inspection/__testUtils__/world';

/** The default-sa-federated scenario in a namespace configuration calls production. */
function inProduction(mode?: 'audit' | 'deny') {
  const snapshot = scenarioSnapshot('default-sa-federated');
  binding(snapshot).environment = 'production';
  return mode ? withGuardrails(snapshot, mode) : snapshot;
}

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
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: [
        'kubectl -n orders create serviceaccount orders-api',
        `kubectl -n orders annotate sa orders-api azure.workload.identity/client-id=${W.clientId}`,
        `az identity federated-credential update --name orders-api --identity-name wi-orders --resource-group rg-apps --subscription ${W.sub} --issuer ${W.issuer} --subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange`,
        'kubectl -n orders set serviceaccount deployment/orders-api orders-api',
        'kubectl -n orders annotate sa default azure.workload.identity/client-id-',
      ].join(' && '),
      note: 'The federated credential then trusts the new service account instead of default, so every other pod of orders that runs as default loses this identity.',
    });
  });

  it('says how to find the credential where no request of the portal names it', () => {
    const snapshot = scenarioSnapshot('default-sa-federated');
    snapshot.requests = { status: 'ok', value: [] };
    const { fix } = findingOfRule(runScenario(snapshot), 'pod-uses-default-sa');
    expect(fix.text).toContain(
      'az identity federated-credential update --name <fic> --identity-name wi-orders ',
    );
    expect(fix.note).toBe(
      `The federated credential then trusts the new service account instead of default, so every other pod of orders that runs as default loses this identity. Replace <fic> with the name of the credential that trusts system:serviceaccount:orders:default: az identity federated-credential list --identity-name wi-orders --resource-group rg-apps --subscription ${W.sub} -o table lists them.`,
    );
  });

  it('is a warning outside production', () => {
    const finding = findingOfRule(
      runScenario('default-sa-federated'),
      'pod-uses-default-sa',
    );
    expect(finding.severity).toBe('warning');
  });

  it('is an error in a production namespace, the guardrails off', () => {
    const outcome = runScenario(inProduction());
    expect(outcome.visible).toEqual(['pod-uses-default-sa']);
    const finding = findingOfRule(outcome, 'pod-uses-default-sa');
    expect(finding.severity).toBe('error');
    expect(finding.message).toBe(
      'deployment/orders-api runs as the default service account of production namespace orders; every pod in orders that sets the label and no service account gets the same Azure identity.',
    );
  });

  it('says the guardrails refuse its next pods in deny mode, and warn in audit mode', () => {
    expect(
      findingOfRule(runScenario(inProduction('deny')), 'pod-uses-default-sa')
        .message,
    ).toContain(
      'The guardrails refuse its new pods there: the next rollout or rescheduled pod fails.',
    );
    expect(
      findingOfRule(runScenario(inProduction('audit')), 'pod-uses-default-sa')
        .message,
    ).toContain(
      'The guardrails let its new pods through with a warning and an audit record.',
    );
  });
});

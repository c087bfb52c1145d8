import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { cluster, ok } from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import { W } from '../../inspection/__testUtils__/world';

describe('webhook-unhealthy', () => {
  it('webhook-no-endpoints: the one finding, on the webhook link', () => {
    const outcome = runScenario('webhook-no-endpoints');
    expect(outcome.visible).toEqual(['webhook-unhealthy']);
    expect(outcome.masked).toEqual(['pod-admission-rejected']);
    expect(outcome.links.webhook).toBe('broken');
  });

  it('says what is not answering and how to look, restart and reconcile', () => {
    const finding = findingOfRule(
      runScenario('webhook-no-endpoints'),
      'webhook-unhealthy',
    );
    expect(finding.evidence).toEqual({
      expected: 'webhook answering (≥1 ready endpoint)',
      actual: 'availableReplicas=0',
    });
    expect(finding.message).toContain(
      'Its failure policy is Fail, so Kubernetes refuses every new pod',
    );
    // In kube-system it is the add-on's webhook: the cluster is reconciled.
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'platform',
      text: [
        'kubectl -n kube-system get deploy azure-wi-webhook-controller-manager',
        'kubectl -n kube-system logs -l azure-workload-identity.io/system=true --since=1h',
        `az aks update -g rg-aks -n aks-prod --subscription ${W.sub} && kubectl -n orders rollout restart deployment/orders-api`,
      ].join('\n'),
      note: "The first two commands show why the webhook does not answer. az aks update without other options reconciles the AKS add-on; for a self-managed webhook, restart it instead: kubectl -n kube-system rollout restart deploy/azure-wi-webhook-controller-manager && kubectl -n kube-system rollout status deploy/azure-wi-webhook-controller-manager --timeout=5m. The workload's restart then brings pods the webhook lets through.",
    });
  });

  it('restarts a self-managed webhook, and waits for it, where it runs outside kube-system', () => {
    const snapshot = scenarioSnapshot('webhook-no-endpoints');
    const ns = 'azure-workload-identity-system';
    for (const c of ok(cluster(snapshot).webhookConfigurations))
      for (const w of c.webhooks) w.clientConfig.service!.namespace = ns;
    for (const d of ok(cluster(snapshot).webhookDeployments))
      d.metadata.namespace = ns;
    const { fix } = findingOfRule(runScenario(snapshot), 'webhook-unhealthy');
    expect(fix.text.split('\n')).toEqual([
      `kubectl -n ${ns} get deploy azure-wi-webhook-controller-manager`,
      `kubectl -n ${ns} logs -l azure-workload-identity.io/system=true --since=1h`,
      `kubectl -n ${ns} rollout restart deploy/azure-wi-webhook-controller-manager && kubectl -n ${ns} rollout status deploy/azure-wi-webhook-controller-manager --timeout=5m && kubectl -n orders rollout restart deployment/orders-api`,
    ]);
    expect(fix.note).toContain(
      `where the AKS add-on runs it, reconcile the cluster instead: az aks update -g rg-aks -n aks-prod --subscription ${W.sub}.`,
    );
  });

  it('is silent for a healthy webhook', () => {
    expect(runScenario('webhook-double-install').visible).not.toContain(
      'webhook-unhealthy',
    );
  });
});

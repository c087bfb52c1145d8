import { valueOf } from '../../inspection/reads';
import { BindingRule, commandFix, findingOf } from '../../inspection/rule';
import { WEBHOOK_ENTRY_NAME, webhookEntries } from './webhookEntries';
import { clusterArgs } from '../azArgs';

const DEPLOYMENT = 'azure-wi-webhook-controller-manager';

/** The webhook is registered but not answering: Fail policy then refuses labelled pods. */
export const webhookUnhealthy: BindingRule = {
  id: 'webhook-unhealthy',
  link: 'webhook',
  scope: 'binding',
  reads: ['K4', 'K5', 'K7'],
  masks: ['pod-admission-rejected', 'pod-not-mutated'],
  severity: 'error',
  detects:
    'The webhook is registered but not answering: no available replica, no ready endpoint, an empty CA bundle, or pods refused with "failed calling webhook". Its failure policy is Fail, so Kubernetes refuses every new pod that carries the label.',
  fix: "Shows the webhook's deployment and logs, restarts it (Helm) or reconciles the add-on, then restarts the workload. A platform task.",
  evaluate({ unit }) {
    const entries = webhookEntries(
      valueOf(unit.cluster.webhookConfigurations) ?? [],
    );
    if (entries.length === 0) return [];
    const service = entries[0].webhook.clientConfig.service;
    const webhookNs = service?.namespace ?? 'kube-system';
    const deployment = (valueOf(unit.cluster.webhookDeployments) ?? []).find(
      d => d.metadata.namespace === webhookNs,
    );
    const failedCall = (valueOf(unit.binding.events) ?? []).find(e =>
      e.message.includes(`failed calling webhook "${WEBHOOK_ENTRY_NAME}"`),
    );
    let reason: string | undefined;
    if (!deployment || !deployment.availableReplicas) {
      reason = `availableReplicas=${deployment?.availableReplicas ?? 0}`;
    } else if (!deployment.readyEndpoints) {
      reason = `no ready endpoint for service ${service?.name ?? '(none)'}`;
    } else if (entries.some(e => !e.webhook.clientConfig.caBundle)) {
      reason = 'clientConfig.caBundle is empty';
    } else if (failedCall) {
      reason = failedCall.message;
    }
    if (!reason) return [];
    const { name } = unit.cluster;
    return [
      findingOf(webhookUnhealthy, {
        severity: 'error',
        state: 'broken',
        message: `The workload identity webhook in ${name} is not answering (${reason}). Its failure policy is Fail, so Kubernetes refuses every new pod that carries the label.`,
        evidence: {
          expected: 'webhook answering (≥1 ready endpoint)',
          actual: reason,
        },
        fix: commandFix(
          `kubectl -n ${webhookNs} get deploy ${DEPLOYMENT} && kubectl -n ${webhookNs} logs -l azure-workload-identity.io/system=true --since=1h; Helm install: kubectl -n ${webhookNs} rollout restart deploy/${DEPLOYMENT}; add-on: az aks update ${clusterArgs(
            unit.cluster,
          )}; then kubectl -n ${unit.ns} rollout restart ${unit.workloadRef}`,
          'platform',
        ),
        ref: {
          cluster: name,
          namespace: webhookNs,
          kind: 'Deployment',
          name: DEPLOYMENT,
          apiGroup: 'apps',
        },
      }),
    ];
  },
};

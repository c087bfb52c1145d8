import { FindingFix } from '@backstage-community/plugin-azure-workload-identity-common';
import { BindingView } from '../../inspection/derive';
import { valueOf } from '../../inspection/reads';
import { BindingRule, commandFix, findingOf } from '../../inspection/rule';
import { WEBHOOK_ENTRY_NAME, webhookEntries } from './webhookEntries';
import { clusterArgs } from '../azArgs';

const DEPLOYMENT = 'azure-wi-webhook-controller-manager';

/**
 * What shows why the webhook does not answer (independent, one per line), then the repair and
 * the workload's restart: the add-on is reconciled where the webhook runs in kube-system, as the
 * add-on's does; a self-managed one is restarted and waited for.
 */
function unhealthyFix(unit: BindingView, webhookNs: string): FindingFix {
  const show = [
    `kubectl -n ${webhookNs} get deploy ${DEPLOYMENT}`,
    `kubectl -n ${webhookNs} logs -l azure-workload-identity.io/system=true --since=1h`,
  ];
  const restart = `kubectl -n ${unit.ns} rollout restart ${unit.workloadRef}`;
  const reconcile = `az aks update ${clusterArgs(unit.cluster)}`;
  const selfRestart = `kubectl -n ${webhookNs} rollout restart deploy/${DEPLOYMENT} && kubectl -n ${webhookNs} rollout status deploy/${DEPLOYMENT} --timeout=5m`;
  const addOn = webhookNs === 'kube-system';
  return commandFix(
    [...show, `${addOn ? reconcile : selfRestart} && ${restart}`].join('\n'),
    'platform',
    {
      note: `The first two commands show why the webhook does not answer. ${
        addOn
          ? `az aks update without other options reconciles the AKS add-on; for a self-managed webhook, restart it instead: ${selfRestart}.`
          : `This restarts the self-managed webhook and waits for it; where the AKS add-on runs it, reconcile the cluster instead: ${reconcile}.`
      } The workload's restart then brings pods the webhook lets through.`,
    },
  );
}

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
  fix: "Shows the webhook's deployment and logs, reconciles the add-on (webhook in kube-system) or restarts a self-managed webhook, then restarts the workload. A platform task.",
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
        fix: unhealthyFix(unit, webhookNs),
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

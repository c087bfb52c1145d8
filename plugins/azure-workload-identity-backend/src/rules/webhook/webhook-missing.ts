import { valueOf } from '../../inspection/reads';
import { BindingRule, commandFix, findingOf } from '../../inspection/rule';
import { WEBHOOK_ENTRY_NAME, webhookEntries } from './webhookEntries';
import { clusterArgs } from '../azArgs';

/** The cluster flag says workload identity is on, but no webhook entry is registered. */
export const webhookMissing: BindingRule = {
  id: 'webhook-missing',
  link: 'webhook',
  scope: 'binding',
  reads: ['K4'],
  masks: [
    'webhook-unhealthy',
    'webhook-failure-policy-ignore',
    'pod-not-mutated',
    'pod-token-volume-missing',
    'pod-token-path-mismatch',
  ],
  severity: 'error',
  detects:
    'No workload identity webhook entry is registered in the cluster, so pods start without the Azure token file and the `AZURE_*` variables.',
  fix: 'Installs the webhook (the AKS add-on, or the Helm chart for a self-managed install), then restarts the workload. A platform task.',
  evaluate({ unit }) {
    const configurations = valueOf(unit.cluster.webhookConfigurations) ?? [];
    if (webhookEntries(configurations).length > 0) return [];
    const { name } = unit.cluster;
    const tenant =
      unit.identity?.properties.tenantId ??
      '$(az account show --query tenantId -o tsv)';
    return [
      findingOf(webhookMissing, {
        severity: 'error',
        state: 'broken',
        message: `The workload identity webhook is not registered in ${name}; pods start without the Azure token and variables.`,
        evidence: {
          expected: `webhook ${WEBHOOK_ENTRY_NAME} registered`,
          actual: `not found in ${configurations.length} mutating webhook configurations`,
        },
        fix: commandFix(
          `add-on: az aks update ${clusterArgs(
            unit.cluster,
          )} --enable-workload-identity; self-managed: helm upgrade --install workload-identity-webhook azure-workload-identity/workload-identity-webhook --namespace azure-workload-identity-system --create-namespace --set azureTenantID=${tenant}; then kubectl -n ${
            unit.ns
          } rollout restart ${unit.workloadRef}`,
          'platform',
        ),
        ref: {
          cluster: name,
          kind: 'MutatingWebhookConfiguration',
          name: 'azure-wi-webhook-mutating-webhook-configuration',
          apiGroup: 'admissionregistration.k8s.io',
        },
      }),
    ];
  },
};

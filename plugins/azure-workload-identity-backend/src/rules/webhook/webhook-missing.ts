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
  fix: 'Installs the webhook, then restarts the workload: the Helm chart where the AKS add-on is off, the add-on otherwise, with the other named in the note. A platform task.',
  evaluate({ unit }) {
    const configurations = valueOf(unit.cluster.webhookConfigurations) ?? [];
    if (webhookEntries(configurations).length > 0) return [];
    const { name } = unit.cluster;
    const tenant =
      unit.identity?.properties.tenantId ??
      '$(az account show --query tenantId -o tsv)';
    const addOn = `az aks update ${clusterArgs(
      unit.cluster,
    )} --enable-workload-identity`;
    // The chart's repository as its documentation names it
    // (https://azure.github.io/azure-workload-identity/docs/installation/mutating-admission-webhook.html).
    const helm = `helm repo add azure-workload-identity https://azure.github.io/azure-workload-identity/charts && helm repo update && helm upgrade --install workload-identity-webhook azure-workload-identity/workload-identity-webhook --namespace azure-workload-identity-system --create-namespace --set azureTenantID=${tenant}`;
    // With the add-on off, what is missing is a self-managed install; otherwise (on, or not
    // known) the add-on, the usual way on AKS.
    const selfManaged =
      unit.managedCluster?.properties.securityProfile?.workloadIdentity
        ?.enabled === false;
    const restart = `kubectl -n ${unit.ns} rollout restart ${unit.workloadRef}`;
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
          `${selfManaged ? helm : addOn} && ${restart}`,
          'platform',
          {
            note: selfManaged
              ? `The AKS add-on is off, so this installs the self-managed webhook with Helm; the restart then gives the workload mutated pods. To use the add-on instead: ${addOn}`
              : `This turns on the AKS add-on; the restart then gives the workload mutated pods. For a self-managed webhook instead: ${helm}`,
          },
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

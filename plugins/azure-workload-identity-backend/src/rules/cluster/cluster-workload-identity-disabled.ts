import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { webhookEntries } from '../webhook/webhookEntries';
import { clusterArgs } from '../azArgs';

/** The AKS flag is off and no self-managed webhook stands in for it. */
export const clusterWorkloadIdentityDisabled: BindingRule = {
  id: 'cluster-workload-identity-disabled',
  link: 'cluster',
  scope: 'binding',
  reads: ['A1', 'K4'],
  masks: [
    'webhook-missing',
    'webhook-unhealthy',
    'webhook-failure-policy-ignore',
    'pod-not-mutated',
    'pod-token-volume-missing',
    'pod-token-path-mismatch',
  ],
  severity: 'error',
  detects:
    'Workload identity is off on the AKS cluster and no self-managed webhook stands in for it, so no pod is given an Azure token or the `AZURE_*` variables.',
  fix: 'Turns workload identity on for the cluster (a platform task), then restarts the workload so its pods are mutated.',
  evaluate({ unit }) {
    const flag =
      unit.managedCluster?.properties.securityProfile?.workloadIdentity
        ?.enabled;
    const configurations = valueOf(unit.cluster.webhookConfigurations) ?? [];
    // A Helm install works without the flag; then the webhook rules speak instead.
    if (flag === true || webhookEntries(configurations).length > 0) return [];
    const { name } = unit.cluster;
    return [
      findingOf(clusterWorkloadIdentityDisabled, {
        severity: 'error',
        state: 'broken',
        message: `Workload identity is not enabled on ${name}: no webhook gives pods the Azure token and AZURE_* variables.`,
        evidence: {
          expected:
            'securityProfile.workloadIdentity.enabled=true (or a webhook installed)',
          actual: `enabled=${flag ?? 'absent'}, no webhook`,
        },
        fix: commandFix(
          `az aks update ${clusterArgs(
            unit.cluster,
          )} --enable-workload-identity && kubectl -n ${
            unit.ns
          } rollout restart ${unit.workloadRef}`,
          'platform',
          {
            note: 'The restart gives the workload new pods, which the webhook now mutates: pods started before it never get the token.',
          },
        ),
        ref: refs.cluster(unit),
      }),
    ];
  },
};

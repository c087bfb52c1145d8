import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { labelMissing } from './podLabel';

const LABEL = 'aadpodidbinding';

/** aad-pod-identity (deprecated 2022, archived 2023) still attached to the workload. */
export const podAadPodIdentityLeftover: BindingRule = {
  id: 'pod-aad-pod-identity-leftover',
  link: 'pod',
  scope: 'binding',
  reads: ['K1', 'K2', 'K10', 'A1'],
  masks: [],
  severity: 'warning',
  detects:
    'The workload is still bound to aad-pod-identity, deprecated in 2022 and archived in 2023: the `aadpodidbinding` label, an AzureIdentityBinding, or an AKS pod identity in its namespace.',
  fix: 'Deletes the AzureIdentityBinding, removes the label from the pod template and deletes the AKS pod identity.',
  evaluate({ unit }) {
    const selector =
      unit.tpl?.metadata.labels?.[LABEL] ??
      unit.pods.map(p => p.metadata.labels?.[LABEL]).find(Boolean);
    const objects = valueOf(unit.binding.aadPodIdentity);
    const bindings = (objects?.azureIdentityBindings ?? []).filter(
      b => b.spec.selector === selector,
    );
    const addon = (
      unit.managedCluster?.properties.podIdentityProfile?.enabled
        ? unit.managedCluster.properties.podIdentityProfile
            .userAssignedIdentities ?? []
        : []
    ).filter(i => i.namespace === unit.ns);
    if (!selector && bindings.length === 0 && addon.length === 0) return [];

    const parts = [
      selector && `label ${LABEL}=${selector}`,
      ...bindings.map(
        b =>
          `AzureIdentityBinding ${b.metadata.name} → AzureIdentity ${b.spec.azureIdentity}`,
      ),
      ...addon.map(i => `pod identity ${i.name} (AKS add-on)`),
    ].filter(Boolean);
    const [kind, name] = unit.workloadRef.split('/');
    const commands = [
      ...bindings.map(
        b =>
          `kubectl -n ${unit.ns} delete azureidentitybinding ${b.metadata.name}`,
      ),
      selector &&
        `kubectl -n ${unit.ns} patch ${kind} ${name} --type json -p '[{"op":"remove","path":"/spec/template/metadata/labels/${LABEL}"}]'`,
      ...addon.map(
        i =>
          `az aks pod-identity delete --name ${i.name} --namespace ${unit.ns} --resource-group ${unit.cluster.resourceGroup} --cluster-name ${unit.cluster.name} --subscription ${unit.cluster.subscriptionId}`,
      ),
    ].filter(Boolean);
    const notMigrated = labelMissing(unit);
    return [
      findingOf(podAadPodIdentityLeftover, {
        severity: 'warning',
        state: 'degraded',
        message: `${
          unit.workloadRef
        } is still bound to aad-pod-identity (${parts.join('; ')}). ${
          notMigrated
            ? 'Migrate: aad-pod-identity is deprecated and archived.'
            : 'Remove it now that workload identity works.'
        }`,
        evidence: {
          expected: 'no aad-pod-identity binding',
          actual: parts.join('; '),
        },
        fix: commandFix(commands.join(' && ')),
        ref: refs.workload(unit),
      }),
    ];
  },
};

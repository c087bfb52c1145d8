import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import {
  labelMissing,
  labelPatchCommand,
  serviceAccountCarriesLabel,
} from './podLabel';

/** Since webhook v1.0 only the pod label counts; guides still show it on the ServiceAccount. */
export const podLabelOnServiceaccountOnly: BindingRule = {
  id: 'pod-label-on-serviceaccount-only',
  link: 'pod',
  scope: 'binding',
  reads: ['K1', 'K2', 'K3'],
  masks: ['pod-label-missing'],
  severity: 'error',
  detects:
    'The use label is on the service account and not on the pods. The webhook has looked only at the pod label since v1.0, though older guides put it on the service account.',
  fix: 'Patches the label onto the pod template and removes it from the service account.',
  evaluate({ unit }) {
    if (!labelMissing(unit) || !serviceAccountCarriesLabel(unit)) return [];
    return [
      findingOf(podLabelOnServiceaccountOnly, {
        severity: 'error',
        state: 'broken',
        message: `azure.workload.identity/use is set on service account ${unit.sa}, where the webhook has not looked since v1.0. It must be on the pod template.`,
        evidence: {
          expected: 'label on pod template',
          actual: `label on serviceaccount/${unit.sa} only`,
        },
        fix: commandFix(
          `${labelPatchCommand(unit)} && kubectl -n ${unit.ns} label sa ${
            unit.sa
          } azure.workload.identity/use-`,
        ),
        ref: refs.workload(unit),
      }),
    ];
  },
};

import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { labelMissing, labelPatchCommand, podLabelValue } from './podLabel';

/** The webhook's objectSelector matches the exact pod label value "true" (case-sensitive). */
export const podLabelMissing: BindingRule = {
  id: 'pod-label-missing',
  link: 'pod',
  scope: 'binding',
  reads: ['K1', 'K2', 'K3'],
  masks: [
    'pod-not-mutated',
    'pod-token-volume-missing',
    'pod-token-path-mismatch',
    'pod-predates-sa-change',
    'pod-main-container-skipped',
    'pod-sidecar-receives-identity',
  ],
  severity: 'error',
  detects:
    'The workload\'s pods (or its pod template, when none run) lack the label `azure.workload.identity/use` with the exact value `"true"`, so the webhook skips them: no token file, no `AZURE_*` variables.',
  fix: "Patches the label onto the workload's pod template; the rollout recreates the pods.",
  evaluate({ unit }) {
    // With the label on the ServiceAccount this still fires, masked by the more specific rule.
    if (!labelMissing(unit)) return [];
    const value = podLabelValue(unit);
    const actual = value === undefined ? 'absent' : `"${value}"`;
    return [
      findingOf(podLabelMissing, {
        severity: 'error',
        state: 'broken',
        message: `Pods of ${unit.workloadRef} do not carry azure.workload.identity/use="true" (found: ${actual}), so the webhook skips them: no token file, no AZURE_* variables.`,
        evidence: {
          expected: 'pod label azure.workload.identity/use="true"',
          actual,
        },
        fix: commandFix(labelPatchCommand(unit)),
        ref: refs.workload(unit),
        occurrenceCount: unit.pods.length || undefined,
      }),
    ];
  },
};

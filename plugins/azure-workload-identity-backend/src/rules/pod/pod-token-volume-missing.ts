import {
  hasEnv,
  mutatedContainers,
  tokenMounts,
} from '../../inspection/podShape';
import { BindingRule, findingOf, refs } from '../../inspection/rule';
import { labelMissing } from './podLabel';

/** A container is told where its token file is, but no token volume is mounted in it. */
export const podTokenVolumeMissing: BindingRule = {
  id: 'pod-token-volume-missing',
  link: 'pod',
  scope: 'binding',
  reads: ['K1'],
  masks: [],
  livePod: true,
  severity: 'error',
  detects:
    'A container is told where its token file is (`AZURE_FEDERATED_TOKEN_FILE`) but has no service account token volume mounted, typically from workload identity settings written into the manifest by hand.',
  fix: 'Says to remove the hand-written `AZURE_*` variables and token volumes from the manifest, keep only the label, and deploy it, so the webhook adds them.',
  evaluate({ unit }) {
    if (labelMissing(unit)) return [];
    for (const pod of unit.pods) {
      const container = mutatedContainers(pod.spec, unit.skip).find(
        c =>
          hasEnv(c, 'AZURE_FEDERATED_TOKEN_FILE') &&
          tokenMounts(pod.spec, c).length === 0,
      );
      if (!container) continue;
      const path =
        container.env?.find(e => e.name === 'AZURE_FEDERATED_TOKEN_FILE')
          ?.value ?? '(from a reference)';
      const volumes = (pod.spec.volumes ?? []).map(v => v.name).join(', ');
      return [
        findingOf(podTokenVolumeMissing, {
          severity: 'error',
          state: 'broken',
          message: `Container ${container.name} is told to read its token from ${path}, but no service account token volume is mounted in it.`,
          evidence: {
            expected: `projected serviceAccountToken volume mounted in ${container.name}`,
            actual: `no such mount (volumes: ${volumes || 'none'})`,
          },
          // The change is to the manifest, where they were written: a command on the cluster
          // would be undone by the next deploy.
          fix: {
            kind: 'action',
            owner: 'component',
            text: `Remove the hand-written AZURE_* variables and token volumes from the manifest of ${unit.workloadRef}, keep only the label azure.workload.identity/use: "true", and deploy it: the webhook adds the variables and the token volume to the new pods.`,
          },
          ref: refs.workload(unit),
        }),
      ];
    }
    return [];
  },
};

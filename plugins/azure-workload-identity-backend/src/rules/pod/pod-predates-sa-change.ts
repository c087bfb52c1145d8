import { envValue, hasEnv, mutatedContainers } from '../../inspection/podShape';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { labelMissing } from './podLabel';

/** Pods created before the service account got its current client id still run with the old one. */
export const podPredatesSaChange: BindingRule = {
  id: 'pod-predates-sa-change',
  link: 'pod',
  scope: 'binding',
  reads: ['K1', 'K2', 'K3'],
  masks: [],
  livePod: true,
  severity: 'error',
  detects:
    'Running pods were created before the service account got its current client id and still carry the old `AZURE_CLIENT_ID`: pods pick up service account annotations only when they are created.',
  fix: 'Restarts the workload.',
  evaluate({ unit }) {
    const annotation = unit.saClientId;
    if (!annotation || labelMissing(unit)) return [];
    // Containers that set the variable in the template keep it; that is pod-env-overrides-injected.
    const ownEnv = new Set(
      (unit.tpl?.spec.containers ?? [])
        .filter(c => hasEnv(c, 'AZURE_CLIENT_ID'))
        .map(c => c.name),
    );
    for (const pod of unit.pods) {
      // Only mutated containers: one never mutated is pod-not-mutated's.
      const stale = mutatedContainers(pod.spec, unit.skip).find(
        c =>
          !ownEnv.has(c.name) &&
          hasEnv(c, 'AZURE_FEDERATED_TOKEN_FILE') &&
          (envValue(c, 'AZURE_CLIENT_ID') ?? '').toLowerCase() !==
            annotation.toLowerCase(),
      );
      if (!stale) continue;
      const value = envValue(stale, 'AZURE_CLIENT_ID');
      const created = pod.metadata.creationTimestamp ?? 'at an unknown time';
      const written = unit.serviceAccount?.metadata.annotationsWrittenAt;
      return [
        findingOf(podPredatesSaChange, {
          severity: 'error',
          state: 'broken',
          message: `Pod ${
            pod.metadata.name
          } was created before service account ${
            unit.sa
          } got its current settings; it still runs with AZURE_CLIENT_ID=${
            value ?? 'none'
          }. Pods pick up annotation changes only when recreated.`,
          evidence: {
            expected: `AZURE_CLIENT_ID=${annotation}`,
            actual: `${value ?? 'absent'} (pod created ${created}${
              written ? `, annotation written ${written}` : ''
            })`,
          },
          fix: commandFix(
            `kubectl -n ${unit.ns} rollout restart ${unit.workloadRef}`,
          ),
          ref: refs.workload(unit),
        }),
      ];
    }
    return [];
  },
};

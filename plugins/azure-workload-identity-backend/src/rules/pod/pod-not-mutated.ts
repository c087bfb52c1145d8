import { WORKLOAD_IDENTITY_USE_LABEL } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  hasEnv,
  mutatedContainers,
  tokenVolumeNames,
} from '../../inspection/podShape';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';

/** Labelled pods the webhook never mutated: mutation happens only at pod creation. */
export const podNotMutated: BindingRule = {
  id: 'pod-not-mutated',
  link: 'pod',
  scope: 'binding',
  reads: ['K1', 'K2', 'K4'],
  masks: [
    'pod-token-volume-missing',
    'pod-token-path-mismatch',
    'pod-predates-sa-change',
    'pod-main-container-skipped',
    'pod-sidecar-receives-identity',
  ],
  livePod: true,
  severity: 'error',
  detects:
    'Pods carry the label but were never mutated: no token volume and no `AZURE_FEDERATED_TOKEN_FILE`. The webhook mutates pods only when they are created, so pods from before the label or the webhook keep running without identity.',
  fix: 'Restarts the workload (or deletes and recreates a bare pod), so new pods pass the webhook.',
  evaluate({ unit }) {
    const unmutated = unit.pods
      .filter(p => p.metadata.labels?.[WORKLOAD_IDENTITY_USE_LABEL] === 'true')
      .filter(
        p =>
          tokenVolumeNames(p.spec, unit.A).length === 0 &&
          !mutatedContainers(p.spec, unit.skip).some(c =>
            hasEnv(c, 'AZURE_FEDERATED_TOKEN_FILE'),
          ),
      )
      .sort((a, b) =>
        (a.metadata.creationTimestamp ?? '').localeCompare(
          b.metadata.creationTimestamp ?? '',
        ),
      );
    if (unmutated.length === 0) return [];
    const oldest = unmutated[0];
    const created = oldest.metadata.creationTimestamp ?? 'at an unknown time';
    const restart =
      unit.workload?.kind === 'Pod'
        ? `kubectl -n ${unit.ns} delete pod ${oldest.metadata.name} and create it again`
        : `kubectl -n ${unit.ns} rollout restart ${unit.workloadRef}`;
    return [
      findingOf(podNotMutated, {
        severity: 'error',
        state: 'broken',
        message: `Pod ${oldest.metadata.name} has the label but was never mutated (created ${created}): it has no token file and no AZURE_* variables.`,
        evidence: {
          expected:
            'projected token volume + AZURE_* env (webhook mutation at creation)',
          actual: `none (pod created ${created})`,
        },
        fix: commandFix(restart),
        ref: { ...refs.workload(unit) },
        occurrenceCount: unmutated.length,
      }),
    ];
  },
};

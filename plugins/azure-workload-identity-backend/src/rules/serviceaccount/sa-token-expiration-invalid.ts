import { WORKLOAD_IDENTITY_ANNOTATIONS } from '@backstage-community/plugin-azure-workload-identity-common';
import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';

const KEY = WORKLOAD_IDENTITY_ANNOTATIONS.tokenExpiration;
const MIN = 3600;
const MAX = 86400;

function valid(value: string): boolean {
  return /^\d+$/.test(value) && +value >= MIN && +value <= MAX;
}

/**
 * The effective token-expiration annotation (pod template wins over the SA) is not an integer
 * in 3600–86400: the webhook refuses every new pod. Broken once the refusal shows (FailedCreate
 * or missing replicas), degraded while only the next rollout will fail.
 */
export const saTokenExpirationInvalid: BindingRule = {
  id: 'sa-token-expiration-invalid',
  link: 'serviceaccount',
  scope: 'binding',
  reads: ['K1', 'K2', 'K3', 'K7'],
  masks: ['pod-admission-rejected', 'pod-predates-sa-change'],
  severity: 'error',
  detects:
    "The token expiration annotation (the pod template's, else the service account's) is not a whole number of seconds from 3600 to 86400, so the webhook refuses new pods. Broken once pods are refused; degraded while only the next rollout will fail.",
  fix: 'Sets the annotation to 3600 where it was found, on the service account or the pod template.',
  evaluate({ unit }) {
    const fromPod = unit.tpl?.metadata.annotations?.[KEY];
    const fromSa = unit.serviceAccount?.metadata.annotations?.[KEY];
    const value = fromPod ?? fromSa;
    if (value === undefined || valid(value)) return [];
    const source = fromPod !== undefined ? 'pod' : 'sa';
    const refused =
      (valueOf(unit.binding.events) ?? []).some(
        e => e.reason === 'FailedCreate',
      ) ||
      (unit.workload?.availableReplicas ?? 0) < (unit.workload?.replicas ?? 0);
    const kind = unit.workload?.kind;
    const templatePath =
      kind === 'CronJob'
        ? '{"spec":{"jobTemplate":{"spec":{"template":{"metadata":{"annotations":{"KEY":"3600"}}}}}}}'
        : '{"spec":{"template":{"metadata":{"annotations":{"KEY":"3600"}}}}}';
    const fix =
      source === 'sa'
        ? `kubectl -n ${unit.ns} annotate sa ${unit.sa} ${KEY}=3600 --overwrite`
        : `kubectl -n ${unit.ns} patch ${
            unit.workloadRef
          } --type merge -p '${templatePath.replace('KEY', KEY)}'`;
    return [
      findingOf(saTokenExpirationInvalid, {
        severity: 'error',
        state: refused ? 'broken' : 'degraded',
        message: `service-account-token-expiration is ${JSON.stringify(
          value,
        )}; the webhook accepts ${MIN}–${MAX} and refuses new pods otherwise. Running pods keep working until they are replaced.`,
        evidence: {
          expected: `integer in [${MIN}, ${MAX}] (default ${MIN})`,
          actual: `${JSON.stringify(value)} (from ${source})`,
        },
        fix: commandFix(fix),
        ref: source === 'sa' ? refs.serviceAccount(unit) : refs.workload(unit),
      }),
    ];
  },
};

import { WORKLOAD_IDENTITY_USE_LABEL } from '@backstage-community/plugin-azure-workload-identity-common';
import { BindingView } from '../../inspection/derive';

/** What the webhook's objectSelector sees: the label on live pods, else on the template. */
export function podLabelValue(unit: BindingView): string | undefined {
  const labels = unit.pods.length
    ? unit.pods.map(p => p.metadata.labels?.[WORKLOAD_IDENTITY_USE_LABEL])
    : [unit.tpl?.metadata.labels?.[WORKLOAD_IDENTITY_USE_LABEL]];
  // One pod without the exact value is enough for the workload to fail there.
  return labels.some(value => value !== 'true')
    ? labels.find(value => value !== 'true')
    : 'true';
}

export function labelMissing(unit: BindingView): boolean {
  return podLabelValue(unit) !== 'true';
}

export function serviceAccountCarriesLabel(unit: BindingView): boolean {
  const meta = unit.serviceAccount?.metadata;
  return (
    meta?.labels?.[WORKLOAD_IDENTITY_USE_LABEL] !== undefined ||
    meta?.annotations?.[WORKLOAD_IDENTITY_USE_LABEL] !== undefined
  );
}

export function labelPatchCommand(unit: BindingView): string {
  const [kind, name] = unit.workloadRef.split('/');
  const path =
    kind === 'cronjob'
      ? `{"spec":{"jobTemplate":{"spec":{"template":{"metadata":{"labels":{"${WORKLOAD_IDENTITY_USE_LABEL}":"true"}}}}}}}`
      : `{"spec":{"template":{"metadata":{"labels":{"${WORKLOAD_IDENTITY_USE_LABEL}":"true"}}}}}`;
  return `kubectl -n ${unit.ns} patch ${kind} ${name} --type merge -p '${path}'`;
}

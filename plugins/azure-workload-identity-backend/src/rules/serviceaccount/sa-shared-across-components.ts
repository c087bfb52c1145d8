import { KUBERNETES_ANNOTATIONS } from '@backstage-community/plugin-azure-workload-identity-common';
import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';

/** Workloads of other components run as the same annotated service account. */
export const saSharedAcrossComponents: BindingRule = {
  id: 'sa-shared-across-components',
  link: 'serviceaccount',
  scope: 'binding',
  reads: ['K2', 'K3', 'O4'],
  masks: ['identity-shared-blast-radius'],
  severity: 'warning',
  detects:
    'Workloads of other components run as the same annotated service account, so they all receive this identity and every role it holds.',
  fix: 'Gives the other component a service account of its own, with its own identity and federated credential, and moves its workload to it.',
  evaluate({ unit }) {
    if (!unit.saClientId || !unit.workload) return [];
    const annotations = valueOf(unit.snapshot.entity)?.annotations ?? {};
    const own = annotations[KUBERNETES_ANNOTATIONS.id];
    const others = (valueOf(unit.binding.namespaceWorkloads) ?? []).filter(
      w =>
        (w.template.spec.serviceAccountName || 'default') === unit.sa &&
        !(
          w.kind === unit.workload!.kind &&
          w.metadata.name === unit.workload!.metadata.name
        ) &&
        (w.metadata.labels?.[KUBERNETES_ANNOTATIONS.id] ?? w.metadata.name) !==
          own,
    );
    if (others.length === 0) return [];
    const names = [
      ...new Set(
        others.map(
          w =>
            w.metadata.labels?.[KUBERNETES_ANNOTATIONS.id] ?? w.metadata.name,
        ),
      ),
    ];
    const other = others[0];
    const identity = unit.identity?.name ?? unit.saClientId;
    return [
      findingOf(saSharedAcrossComponents, {
        severity: 'warning',
        state: 'degraded',
        message: `Service account ${unit.sa} is also used by ${names.join(
          ', ',
        )}; they all receive ${identity} and every role it holds.`,
        evidence: {
          expected: `serviceaccount/${unit.sa} used by one component`,
          actual: [own ?? unit.workloadRef, ...names].join(', '),
        },
        fix: commandFix(
          `For ${names[0]}: kubectl -n ${unit.ns} create serviceaccount ${
            names[0]
          }, annotate it with ${
            names[0]
          }'s own identity and create its federated credential, then kubectl -n ${
            unit.ns
          } set serviceaccount ${other.kind.toLowerCase()}/${
            other.metadata.name
          } ${names[0]}`,
        ),
        ref: refs.serviceAccount(unit),
      }),
    ];
  },
};

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
  fix: "Moves the other component's workload to a service account of its own, once a request from its card has given that account its own identity and federated credential.",
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
        // Moving the workload is the command; its own identity must come first, from a request
        // on its card, so the note says that before anything is run.
        fix: commandFix(
          `kubectl -n ${
            unit.ns
          } set serviceaccount ${other.kind.toLowerCase()}/${
            other.metadata.name
          } ${names[0]}`,
          'component',
          {
            note: `Run it only once ${names[0]} has Azure access of its own: request it from ${names[0]}'s card for service account ${names[0]} in ${unit.ns}, which creates that account with its own identity and federated credential. Moved earlier, the workload loses Azure access.`,
          },
        ),
        ref: refs.serviceAccount(unit),
      }),
    ];
  },
};

import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';

/** skip-containers lists the container that calls Azure (or every non-sidecar container). */
export const podMainContainerSkipped: BindingRule = {
  id: 'pod-main-container-skipped',
  link: 'pod',
  scope: 'binding',
  reads: ['K1', 'K2', 'O4'],
  masks: [
    { ruleId: 'pod-token-volume-missing', sameObject: true },
    { ruleId: 'pod-token-path-mismatch', sameObject: true },
  ],
  severity: 'error',
  detects:
    'The `skip-containers` annotation lists the container that calls Azure (or every application container), so it gets neither the token volume nor the `AZURE_*` variables.',
  fix: 'Sets `skip-containers` to the sidecars only.',
  evaluate({ unit, config }) {
    const main = unit.main;
    if (!main || unit.skip.length === 0) return [];
    const isSidecar = (name: string, image?: string) =>
      config.sidecarPatterns.some(
        p => name.includes(p) || (image ?? '').includes(p),
      );
    const applications = (unit.tpl?.spec.containers ?? []).filter(
      c => !isSidecar(c.name, c.image),
    );
    const skipped =
      unit.skip.includes(main.name) ||
      (applications.length > 0 &&
        applications.every(c => unit.skip.includes(c.name)));
    if (!skipped) return [];
    const [kind, name] = unit.workloadRef.split('/');
    const sidecars = unit.skip.filter(n => isSidecar(n)).join(';');
    return [
      findingOf(podMainContainerSkipped, {
        severity: 'error',
        state: 'broken',
        message: `skip-containers lists ${main.name}, the container that calls Azure; it gets neither the token volume nor the AZURE_* variables.`,
        evidence: {
          expected: `${main.name} receives token and AZURE_*`,
          actual: `skip-containers="${unit.skip.join(';')}"`,
        },
        fix: commandFix(
          `kubectl -n ${unit.ns} patch ${kind} ${name} --type merge -p '{"spec":{"template":{"metadata":{"annotations":{"azure.workload.identity/skip-containers":"${sidecars}"}}}}}'`,
        ),
        ref: refs.workload(unit),
      }),
    ];
  },
};

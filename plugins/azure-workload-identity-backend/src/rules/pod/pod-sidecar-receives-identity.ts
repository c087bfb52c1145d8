import { allContainers, hasEnv } from '../../inspection/podShape';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';

/** A known sidecar, not skipped, holds the workload's Azure identity too. */
export const podSidecarReceivesIdentity: BindingRule = {
  id: 'pod-sidecar-receives-identity',
  link: 'pod',
  scope: 'binding',
  reads: ['K1'],
  masks: [],
  severity: 'warning',
  detects:
    "A sidecar that is not skipped (known by its name or image, `healthRules.sidecarPatterns`) receives the workload's Azure identity too, so anything running in it can act as the identity.",
  fix: 'Adds the sidecars to the `skip-containers` annotation.',
  evaluate({ unit, config }) {
    const spec = unit.pods[0]?.spec ?? unit.tpl?.spec;
    if (!spec) return [];
    const sidecars = allContainers(spec).filter(
      c =>
        c.name !== unit.main?.name &&
        c.name !== 'azwi-proxy' &&
        !unit.skip.includes(c.name) &&
        config.sidecarPatterns.some(
          p => c.name.includes(p) || (c.image ?? '').includes(p),
        ) &&
        // On a live pod: it did receive it; on a template: it will.
        (unit.pods.length === 0 ||
          hasEnv(c, 'AZURE_CLIENT_ID') ||
          hasEnv(c, 'AZURE_FEDERATED_TOKEN_FILE')),
    );
    if (sidecars.length === 0) return [];
    const [kind, name] = unit.workloadRef.split('/');
    const skip = [...unit.skip, ...sidecars.map(c => c.name)].join(';');
    const identity = unit.identity?.name ?? unit.effClientId ?? 'the identity';
    return [
      findingOf(podSidecarReceivesIdentity, {
        severity: 'warning',
        state: 'degraded',
        message: `Sidecar ${sidecars[0].name} also receives this workload's Azure identity (token file and client id). Anything running in it can act as ${identity}.`,
        evidence: {
          expected: `only ${
            unit.main?.name ?? 'the main container'
          } holds the identity`,
          actual: `${sidecars.map(c => c.name).join(', ')} also receive${
            sidecars.length === 1 ? 's' : ''
          } it`,
        },
        fix: commandFix(
          `kubectl -n ${unit.ns} patch ${kind} ${name} --type merge -p '{"spec":{"template":{"metadata":{"annotations":{"azure.workload.identity/skip-containers":"${skip}"}}}}}'`,
        ),
        ref: refs.workload(unit),
      }),
    ];
  },
};

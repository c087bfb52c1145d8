import { mutatedContainers } from '../../inspection/podShape';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';

const AUTHORITY = 'https://login.microsoftonline.com/';

/** The manifest sets a variable the webhook would inject: the webhook never overrides it. */
export const podEnvOverridesInjected: BindingRule = {
  id: 'pod-env-overrides-injected',
  link: 'pod',
  scope: 'binding',
  reads: ['K2', 'K3', 'A2'],
  masks: ['token-client-not-found', 'token-no-fic-configured'],
  severity: ['error', 'warning'],
  detects:
    "The manifest sets `AZURE_CLIENT_ID`, `AZURE_TENANT_ID` or `AZURE_AUTHORITY_HOST` itself, to another value than the webhook would inject; the webhook never overrides a variable that is set, so the SDK uses the manifest's. A warning when the value comes from a Secret or ConfigMap, which is not read.",
  fix: "Removes the variable from the container, so the webhook's value applies.",
  evaluate({ unit }) {
    if (!unit.tpl) return [];
    const injected: Record<string, string | undefined> = {
      AZURE_CLIENT_ID: unit.saClientId,
      AZURE_TENANT_ID: unit.effTenantId,
      AZURE_AUTHORITY_HOST: AUTHORITY,
    };
    const [kind, name] = unit.workloadRef.split('/');
    for (const container of mutatedContainers(unit.tpl.spec, unit.skip)) {
      for (const env of container.env ?? []) {
        if (!(env.name in injected)) continue;
        const expected = injected[env.name];
        const fromReference =
          env.valueFrom?.secretKeyRef ?? env.valueFrom?.configMapKeyRef;
        if (!fromReference) {
          const same =
            expected !== undefined &&
            (env.value ?? '').replace(/\/+$/, '').toLowerCase() ===
              expected.replace(/\/+$/, '').toLowerCase();
          if (same || expected === undefined) continue;
        }
        const actual = fromReference
          ? `${
              env.valueFrom?.secretKeyRef ? 'secretKeyRef' : 'configMapKeyRef'
            } ${fromReference.name}/${fromReference.key}`
          : env.value ?? '';
        return [
          findingOf(podEnvOverridesInjected, {
            severity: fromReference ? 'warning' : 'error',
            state: 'broken',
            message: `Container ${container.name} sets ${
              env.name
            } itself; the webhook never overrides an existing variable, so the SDK uses ${actual} instead of ${
              expected ?? 'what the webhook injects'
            }.`,
            evidence: {
              expected: `${env.name} from the webhook = ${
                expected ?? '(injected)'
              }`,
              actual: `set by the manifest = ${actual}`,
            },
            fix: commandFix(
              `kubectl -n ${unit.ns} set env ${kind}/${name} -c ${container.name} ${env.name}-`,
            ),
            ref: refs.workload(unit),
          }),
        ];
      }
    }
    return [];
  },
};

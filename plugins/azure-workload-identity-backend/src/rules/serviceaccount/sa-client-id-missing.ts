import { envValue } from '../../inspection/podShape';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';

/** Without the annotation the webhook injects everything except AZURE_CLIENT_ID. */
export const saClientIdMissing: BindingRule = {
  id: 'sa-client-id-missing',
  link: 'serviceaccount',
  scope: 'binding',
  reads: ['K2', 'K3'],
  masks: ['request-drift', 'pod-predates-sa-change', 'token-probe-not-run'],
  severity: 'error',
  detects:
    'The service account has no `azure.workload.identity/client-id` annotation (and the pod template does not set `AZURE_CLIENT_ID`), so pods get no client id and the SDK cannot tell which identity to use.',
  fix: "Annotates the service account with the identity's client id and restarts the workload.",
  evaluate({ unit }) {
    if (!unit.serviceAccount || unit.saClientId) return [];
    const setInTemplate = (unit.tpl?.spec.containers ?? []).some(c =>
      envValue(c, 'AZURE_CLIENT_ID'),
    );
    if (setInTemplate) return [];
    const clientId =
      unit.request?.identity.clientId ??
      unit.identity?.properties.clientId ??
      `$(az identity show --ids ${
        unit.request?.identity.resourceId ?? '<identity-id>'
      } --query clientId -o tsv)`;
    return [
      findingOf(saClientIdMissing, {
        severity: 'error',
        state: 'broken',
        message: `Service account ${unit.sa} has no azure.workload.identity/client-id annotation; pods get no AZURE_CLIENT_ID and the SDK cannot tell which identity to use.`,
        evidence: {
          expected: `annotation azure.workload.identity/client-id=${
            unit.request?.identity.clientId ?? '<client id of the identity>'
          }`,
          actual: 'absent',
        },
        fix: commandFix(
          `kubectl -n ${unit.ns} annotate sa ${unit.sa} azure.workload.identity/client-id=${clientId} && kubectl -n ${unit.ns} rollout restart ${unit.workloadRef}`,
        ),
        ref: refs.serviceAccount(unit),
      }),
    ];
  },
};

import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';

/** Kubernetes refuses pods that name a ServiceAccount that does not exist. */
export const saMissing: BindingRule = {
  id: 'sa-missing',
  link: 'serviceaccount',
  scope: 'binding',
  reads: ['K2', 'K3', 'K7'],
  masks: [
    'sa-client-id-missing',
    'sa-client-id-is-principal-id',
    'sa-client-id-unknown',
    'sa-tenant-id-mismatch',
    'sa-token-expiration-invalid',
    'pod-admission-rejected',
    'pod-not-mutated',
    'fic-stale-subject',
    'token-probe-not-run',
  ],
  severity: 'error',
  detects:
    "The service account the workload names does not exist in its namespace, so Kubernetes cannot create the workload's pods.",
  fix: "Creates the service account and annotates it with the identity's client id.",
  evaluate({ unit }) {
    if (!unit.serviceAccountMissing) return [];
    const clientId =
      unit.request?.identity.clientId ??
      unit.identity?.properties.clientId ??
      `$(az identity show --ids ${
        unit.request?.identity.resourceId ?? '<identity-id>'
      } --query clientId -o tsv)`;
    return [
      findingOf(saMissing, {
        severity: 'error',
        state: 'broken',
        message: `Service account ${unit.ns}/${unit.sa} does not exist, so Kubernetes cannot create the pods of ${unit.workloadRef}.`,
        evidence: {
          expected: `serviceaccount/${unit.sa} in ${unit.ns}`,
          actual: 'not found',
        },
        fix: commandFix(
          `kubectl -n ${unit.ns} create serviceaccount ${unit.sa} && kubectl -n ${unit.ns} annotate sa ${unit.sa} azure.workload.identity/client-id=${clientId}`,
        ),
        ref: refs.serviceAccount(unit),
      }),
    ];
  },
};

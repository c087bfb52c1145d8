import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { sameGuid } from './inventory';

/** Pods get a tenant other than the identity's, so Entra ID looks in the wrong directory. */
export const saTenantIdMismatch: BindingRule = {
  id: 'sa-tenant-id-mismatch',
  link: 'serviceaccount',
  scope: 'binding',
  reads: ['K3', 'K6', 'A2'],
  masks: ['token-tenant-not-found', 'token-client-not-found'],
  severity: 'error',
  detects:
    "Pods get an `AZURE_TENANT_ID` (from the service account's tenant-id annotation or the webhook's configuration) other than the identity's tenant, so Entra ID looks for the identity in the wrong directory.",
  fix: "Annotates the service account with the identity's tenant id and restarts the workload.",
  evaluate({ unit }) {
    const tenant = unit.identity?.properties.tenantId;
    if (!unit.serviceAccount || !tenant) return [];
    const value = unit.effTenantId;
    if (value && sameGuid(value, tenant)) return [];
    const fromAnnotation = unit.effTenantSource === 'annotation';
    const fix = fromAnnotation
      ? `kubectl -n ${unit.ns} annotate sa ${unit.sa} azure.workload.identity/tenant-id=${tenant} --overwrite && kubectl -n ${unit.ns} rollout restart ${unit.workloadRef}`
      : `kubectl -n ${unit.ns} annotate sa ${unit.sa} azure.workload.identity/tenant-id=${tenant} && kubectl -n ${unit.ns} rollout restart ${unit.workloadRef}`;
    return [
      findingOf(saTenantIdMismatch, {
        severity: 'error',
        state: 'broken',
        message: `Pods get AZURE_TENANT_ID=${value || '(empty)'}, but ${
          unit.identity!.name
        } lives in tenant ${tenant}; Entra ID looks for the identity in the wrong directory.`,
        evidence: {
          expected: `AZURE_TENANT_ID=${tenant}`,
          actual: `${value || '(empty)'} (from ${
            unit.effTenantSource === 'none' ? 'nowhere' : unit.effTenantSource
          })`,
        },
        fix: commandFix(fix),
        ref: refs.serviceAccount(unit),
      }),
    ];
  },
};

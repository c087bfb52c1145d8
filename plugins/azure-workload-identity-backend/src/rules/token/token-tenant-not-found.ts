import { commandFix } from '../../inspection/rule';
import { tokenRule } from './tokenRule';

/** AADSTS90002: the tenant the pods use is no tenant at all. */
export const tokenTenantNotFound = tokenRule({
  id: 'token-tenant-not-found',
  severity: 'error',
  detects:
    'The exchange failed with AADSTS90002: the tenant the pods use does not exist.',
  fix: "Sets the identity's tenant id in the service account's annotation and restarts the workload; where the tenant comes from the webhook's configuration, that is fixed there, a platform task.",
  body: unit => ({
    message: `Entra ID refused the token exchange: tenant ${unit.effTenantId} (from the ${unit.effTenantSource}) does not exist.`,
    fix:
      unit.effTenantSource === 'annotation'
        ? commandFix(
            `kubectl -n ${unit.ns} annotate sa ${
              unit.sa
            } azure.workload.identity/tenant-id=${
              unit.identity?.properties.tenantId ??
              '$(az account show --query tenantId -o tsv)'
            } --overwrite && kubectl -n ${unit.ns} rollout restart ${
              unit.workloadRef
            }`,
            'component',
            unit.identity
              ? undefined
              : {
                  note: "az account show prints the tenant az is signed in to: run it signed in to the identity's tenant.",
                },
          )
        : // The webhook's own setting: how it is changed depends on how it was installed.
          {
            kind: 'action',
            owner: 'platform',
            text: `Set AZURE_TENANT_ID in configmap azure-wi-webhook-config of the webhook's namespace on ${
              unit.cluster.name
            } to the tenant of the identity${
              unit.identity ? `, ${unit.identity.properties.tenantId}` : ''
            }.`,
          },
  }),
});

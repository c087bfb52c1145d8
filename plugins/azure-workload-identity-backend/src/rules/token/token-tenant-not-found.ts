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
            } --overwrite, then kubectl -n ${unit.ns} rollout restart ${
              unit.workloadRef
            }`,
          )
        : commandFix(
            `Fix AZURE_TENANT_ID in configmap azure-wi-webhook-config of the webhook namespace on ${unit.cluster.name}`,
            'platform',
          ),
  }),
});

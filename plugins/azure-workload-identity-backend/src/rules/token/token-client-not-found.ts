import { commandFix } from '../../inspection/rule';
import { tokenRule } from './tokenRule';

/** AADSTS700016: no application or identity with the client id in the tenant. */
export const tokenClientNotFound = tokenRule({
  id: 'token-client-not-found',
  body: unit => ({
    message: `Entra ID refused the token exchange: there is no application or managed identity with client id ${unit.effClientId} in directory ${unit.effTenantId}.`,
    fix: commandFix(
      `az identity list --query "[?clientId=='${unit.effClientId}'].{name:name, tenant:tenantId}" -o table, then kubectl -n ${unit.ns} annotate sa ${unit.sa} azure.workload.identity/client-id=<client id of the intended identity> --overwrite and kubectl -n ${unit.ns} rollout restart ${unit.workloadRef}`,
    ),
  }),
});

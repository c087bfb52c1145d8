import { commandFix } from '../../inspection/rule';
import { tokenRule } from './tokenRule';

/** AADSTS700016: no application or identity with the client id in the tenant. */
export const tokenClientNotFound = tokenRule({
  id: 'token-client-not-found',
  severity: 'error',
  detects:
    "The exchange failed with AADSTS700016: there is no application or managed identity with the pods' client id in their tenant.",
  fix: "Looks the client id up among the identities, then annotates the service account with the intended identity's client id and restarts the workload.",
  body: unit => ({
    message: `Entra ID refused the token exchange: there is no application or managed identity with client id ${unit.effClientId} in directory ${unit.effTenantId}.`,
    // Which identity was meant is the team's to say: the lookup comes first, on its own line.
    fix: commandFix(
      [
        `az identity list --query "[?clientId=='${unit.effClientId}'].{name:name, tenant:tenantId}" -o table`,
        `kubectl -n ${unit.ns} annotate sa ${unit.sa} azure.workload.identity/client-id=<client-id> --overwrite && kubectl -n ${unit.ns} rollout restart ${unit.workloadRef}`,
      ].join('\n'),
      'component',
      {
        note: `The first command shows whether an identity with client id ${unit.effClientId} exists in the subscription az uses, and in which tenant. Replace <client-id> with the client id of the identity the workload should use.`,
      },
    ),
  }),
});

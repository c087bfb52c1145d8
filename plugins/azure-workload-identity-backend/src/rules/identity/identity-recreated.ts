import { IDENTITY_GONE_MASKS } from './identityGoneMasks';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { sameGuid } from '../serviceaccount/inventory';

/** The recorded identity exists again under its name, with new ids: nothing trusts it yet. */
export const identityRecreated: BindingRule = {
  id: 'identity-recreated',
  link: 'identity',
  scope: 'binding',
  reads: ['O3', 'A2'],
  masks: IDENTITY_GONE_MASKS,
  severity: 'error',
  detects:
    'The identity the request recorded exists again under its name, but with a new client id and principal id, so the service account, federated credentials and role assignments still refer to the old one.',
  fix: 'Annotates the service account with the new client id, re-creates the federated credentials and role assignments for the new principal, deletes the old assignments and restarts the workload.',
  evaluate({ unit }) {
    const recorded = unit.request?.identity;
    const live = unit.identity;
    if (!recorded?.clientId || !recorded.principalId || !live) return [];
    if (live.id.toLowerCase() !== recorded.resourceId.toLowerCase()) return [];
    const { clientId, principalId } = live.properties;
    if (
      sameGuid(clientId, recorded.clientId) &&
      sameGuid(principalId, recorded.principalId)
    ) {
      return [];
    }
    return [
      findingOf(identityRecreated, {
        severity: 'error',
        state: 'broken',
        message: `Managed identity ${live.name} was re-created: new client id ${clientId}, new principal id ${principalId}. The service account, federated credentials and role assignments still refer to the old one.`,
        evidence: {
          expected: `clientId=${recorded.clientId}, principalId=${recorded.principalId}`,
          actual: `clientId=${clientId}, principalId=${principalId}`,
        },
        fix: commandFix(
          `kubectl -n ${unit.ns} annotate sa ${unit.sa} azure.workload.identity/client-id=${clientId} --overwrite; re-create the federated credentials on ${live.name} and the role assignments with --assignee-object-id ${principalId}; delete the old assignments by id; kubectl -n ${unit.ns} rollout restart ${unit.workloadRef}`,
        ),
        ref: refs.azure(live.id, 'UserAssignedIdentity'),
      }),
    ];
  },
};

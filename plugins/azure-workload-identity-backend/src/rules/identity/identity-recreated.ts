import { IDENTITY_GONE_MASKS } from './identityGoneMasks';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { valueOf } from '../../inspection/reads';
import { BindingView } from '../../inspection/derive';
import { sameGuid } from '../serviceaccount/inventory';
import { identityGroupArgs, issuerPlaceholderNote } from '../azArgs';
import {
  roleAssignmentDelete,
  uniqueById,
} from '../roleassignment/assignments';
import { roleAssignmentCreate, roleOf } from '../roleassignment/roleAccess';

/**
 * Everything that pointed at the old identity, pointed at the new one: its federated
 * credential and the request's role assignments again, the old principal's assignments gone,
 * then the service account on the new client id. Independent steps, so one per line; the
 * restart comes last, once Azure trusts and grants the new identity.
 */
function repointCommands(
  unit: BindingView,
  live: { name: string; clientId: string; principalId: string },
  oldPrincipal: string,
): string {
  const request = unit.request!;
  const fic = request.federatedCredential;
  const ficCreate = `az identity federated-credential create --name ${
    fic?.name ?? `${unit.ns}-${unit.sa}`
  } --identity-name ${live.name} ${identityGroupArgs(unit)} --issuer ${
    unit.C ?? fic?.issuer ?? '<issuer>'
  } --subject ${unit.S} --audiences ${unit.A}`;
  const grants = request.roleAssignments.map(r =>
    roleAssignmentCreate(
      live.principalId,
      roleOf(unit, r.roleDefinitionId)?.roleName ?? r.roleDefinitionId,
      r.scope,
    ),
  );
  const old = uniqueById([
    ...(valueOf(unit.binding.roleAssignments) ?? []),
    ...unit.binding.targets.flatMap(t => valueOf(t.assignmentsAtScope) ?? []),
  ]).filter(a => sameGuid(a.properties.principalId, oldPrincipal));
  return [
    ficCreate,
    ...grants,
    ...(old.length ? [roleAssignmentDelete(old.map(a => a.id).join(' '))] : []),
    `kubectl -n ${unit.ns} annotate sa ${unit.sa} azure.workload.identity/client-id=${live.clientId} --overwrite && kubectl -n ${unit.ns} rollout restart ${unit.workloadRef}`,
  ].join('\n');
}

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
          repointCommands(
            unit,
            { name: live.name, clientId, principalId },
            recorded.principalId,
          ),
          'component',
          {
            note: [
              `A new identity under the old name is a new principal: nothing trusts or grants it until these commands re-create its federated credential and the role assignments request ${
                unit.request!.id
              } made, delete the old principal's assignments, which grant nobody now, and point the service account at the new client id.`,
              unit.C || unit.request?.federatedCredential
                ? ''
                : issuerPlaceholderNote(unit),
            ]
              .filter(Boolean)
              .join(' '),
          },
        ),
        ref: refs.azure(live.id, 'UserAssignedIdentity'),
      }),
    ];
  },
};

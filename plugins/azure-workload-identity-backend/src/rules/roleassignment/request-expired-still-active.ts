import { RoleAssignment } from '../../inspection/azureTypes';
import { valueOf } from '../../inspection/reads';
import { ComponentRule, findingOf } from '../../inspection/rule';
import { day, grantSummary } from './requestFacts';
import { normScope } from './roleAccess';
import { resourceGroupArgs } from '../azArgs';

/** A request past its end (or revoked) whose role assignments are still in place. */
export const requestExpiredStillActive: ComponentRule = {
  id: 'request-expired-still-active',
  link: 'roleassignment',
  scope: 'component',
  reads: ['O3', 'A3', 'A4'],
  masks: ['request-expiring', 'request-drift'],
  severity: 'error',
  detects:
    'A request is past its end date or revoked, but role assignments it planned, and the revoke did not keep on purpose, are still in place for an identity that still exists: the scheduled revoke did not complete.',
  fix: "Deletes the remaining role assignments and the request's federated credential. A platform task.",
  evaluate({ snapshot, now }) {
    // Assignments of a deleted identity are ra-orphaned's: they point at nobody.
    const livePrincipals = new Set(
      [
        ...snapshot.identityInventory.flatMap(s => valueOf(s.identities) ?? []),
        ...snapshot.bindings.flatMap(b => valueOf(b.identity) ?? []),
      ].map(i => i.properties.principalId.toLowerCase()),
    );
    const live: RoleAssignment[] = snapshot.bindings.flatMap(b => [
      ...(valueOf(b.roleAssignments) ?? []),
      ...b.targets.flatMap(t => valueOf(t.assignmentsAtScope) ?? []),
    ]);
    return (valueOf(snapshot.requests) ?? []).flatMap(request => {
      const over =
        ['revoked', 'expired'].includes(request.status) ||
        (request.expiresAt !== undefined &&
          Date.parse(request.expiresAt) <= now.getTime());
      if (!over) return [];
      const principal = request.identity.principalId?.toLowerCase();
      if (!principal || !livePrincipals.has(principal)) return [];
      // What the revoke kept on purpose (adopted, or another request's) is not left over.
      const remaining = request.roleAssignments.flatMap(planned => {
        if (planned.keptAtRevoke) return [];
        const found = live.find(
          a =>
            a.properties.principalId.toLowerCase() === principal &&
            normScope(a.properties.scope) === normScope(planned.scope) &&
            a.properties.roleDefinitionId.split('/').pop()?.toLowerCase() ===
              planned.roleDefinitionId.split('/').pop()?.toLowerCase(),
        );
        return found ? [found] : [];
      });
      if (remaining.length === 0) return [];
      const { role, scope } = grantSummary(request);
      const ended = request.expiresAt
        ? day(request.expiresAt)
        : 'its revocation';
      const fic = request.federatedCredential;
      return [
        findingOf(requestExpiredStillActive, {
          severity: 'error',
          state: 'degraded',
          message: `Access from request ${request.id} expired on ${ended}, but ${role} on ${scope} is still in place; the scheduled revoke did not complete.`,
          evidence: {
            expected: `revoked by ${request.expiresAt ?? 'now'}`,
            actual: `${role} at ${remaining[0].properties.scope} still present (id ${remaining[0].id})`,
          },
          fix: {
            kind: 'command',
            text: `az role assignment delete --ids ${remaining
              .map(a => a.id)
              .join(' ')}${
              fic
                ? ` && az identity federated-credential delete --name ${
                    fic.name
                  } --identity-name ${
                    request.identity.name
                  } ${resourceGroupArgs(request.identity.resourceId)} --yes`
                : ''
            }`,
            owner: 'platform',
          },
          ref: { kind: 'AccessRequest', name: request.id, id: request.id },
        }),
      ];
    });
  },
};

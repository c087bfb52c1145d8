import {
  Finding,
  Link,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { BindingView } from '../../inspection/derive';
import { valueOf } from '../../inspection/reads';
import { BindingRule, findingOf, refs } from '../../inspection/rule';
import { sameGuid } from '../serviceaccount/inventory';
import { identityAssignments, roleName } from './assignments';
import { normScope } from './roleAccess';

const guidOf = (roleDefinitionId: string) =>
  roleDefinitionId.split('/').pop()?.toLowerCase() ?? '';

/**
 * Live state that differs from what an active request approved, item by item: the identity's
 * ids, the federated credential, each planned role assignment, assignments no request covers,
 * and the service account's client id. A rule that explains the same item masks these.
 */
export const requestDrift: BindingRule = {
  id: 'request-drift',
  link: 'roleassignment',
  scope: 'binding',
  reads: ['O3', 'A2', 'A3', 'A4', 'K3'],
  masks: [],
  severity: 'warning',
  detects:
    "Live state differs from what the active request approved, item by item: the identity gone or with a new client id, the federated credential absent or changed, a planned role assignment absent, an assignment no request covers, or the service account's client id. Each finding is on the link of its item; a rule that explains the same item masks it.",
  fix: 'Re-apply the approved plan or request the change; an assignment no request covers is deleted.',
  evaluate({ unit }) {
    const request = unit.request;
    if (!request || request.status !== 'active') return [];
    const items: Finding[] = [];
    const drift = (
      link: Link,
      item: string,
      approved: string,
      found: string,
      fix: string,
      ref: Finding['ref'],
    ) =>
      items.push(
        findingOf(requestDrift, {
          link,
          severity: 'warning',
          state: 'degraded',
          message: `Live ${item} differs from what request ${request.id} approved: approved ${approved}, found ${found}.`,
          evidence: {
            expected: `${approved} (request ${request.id}, plan ${
              request.planHash ?? 'unknown'
            })`,
            actual: found,
          },
          fix: { kind: 'action', text: fix, owner: 'component' },
          ref,
        }),
      );
    const reapply = `Re-apply the approved plan of request ${request.id}, or submit a new request for the change.`;

    const identity = unit.identity;
    const recorded = request.identity;
    if (unit.binding.identity.status === 'not-found') {
      drift(
        'identity',
        `identity ${recorded.name}`,
        `identity ${recorded.resourceId}`,
        'absent',
        reapply,
        refs.azure(recorded.resourceId, 'UserAssignedIdentity'),
      );
    }
    if (
      identity &&
      recorded.clientId &&
      identity.id.toLowerCase() === recorded.resourceId.toLowerCase() &&
      !sameGuid(identity.properties.clientId, recorded.clientId)
    ) {
      drift(
        'identity',
        `identity ${identity.name}`,
        `client id ${recorded.clientId}`,
        `client id ${identity.properties.clientId}`,
        reapply,
        refs.azure(identity.id, 'UserAssignedIdentity'),
      );
    }

    const fic = request.federatedCredential;
    const fics = valueOf(unit.binding.federatedCredentials);
    if (fic && fics && identity) {
      const live = fics.find(f => f.name === fic.name);
      const approved = `issuer ${fic.issuer}, subject ${
        fic.subject
      }, audiences ${fic.audiences.join(',')}`;
      if (!live) {
        drift(
          'federation',
          `federated credential ${fic.name}`,
          approved,
          'absent',
          reapply,
          refs.azure(
            `${identity.id}/federatedIdentityCredentials/${fic.name}`,
            'FederatedIdentityCredential',
          ),
        );
      } else {
        const found = `issuer ${live.properties.issuer}, subject ${
          live.properties.subject
        }, audiences ${live.properties.audiences.join(',')}`;
        if (found !== approved) {
          drift(
            'federation',
            `federated credential ${fic.name}`,
            approved,
            found,
            reapply,
            refs.azure(
              live.id ??
                `${identity.id}/federatedIdentityCredentials/${fic.name}`,
              'FederatedIdentityCredential',
            ),
          );
        }
      }
    }

    if (
      identity &&
      sameGuid(identity.properties.principalId, recorded.principalId)
    ) {
      const live = identityAssignments(unit);
      for (const planned of request.roleAssignments) {
        const held = live.some(
          a =>
            normScope(a.properties.scope) === normScope(planned.scope) &&
            guidOf(a.properties.roleDefinitionId) ===
              guidOf(planned.roleDefinitionId),
        );
        if (!held) {
          drift(
            'roleassignment',
            `role assignment on ${planned.scope.split('/').pop()}`,
            `${guidOf(planned.roleDefinitionId)} on ${planned.scope}`,
            'absent',
            reapply,
            {
              kind: 'RoleAssignment',
              name: planned.scope.split('/').pop() ?? planned.scope,
              id: `${normScope(planned.scope)}|${guidOf(
                planned.roleDefinitionId,
              )}`,
            },
          );
        }
      }
      for (const assignment of live) {
        if (!coveredByAnActiveRequest(unit, assignment.properties)) {
          drift(
            'roleassignment',
            `role assignment ${roleName(
              unit,
              assignment,
            )} on ${assignment.properties.scope.split('/').pop()}`,
            'no such assignment',
            `${roleName(unit, assignment)} on ${assignment.properties.scope}`,
            `az role assignment delete --ids ${assignment.id}`,
            refs.azure(assignment.id, 'RoleAssignment'),
          );
        }
      }
    }

    if (
      recorded.clientId &&
      unit.serviceAccount &&
      !sameGuid(unit.saClientId, recorded.clientId)
    ) {
      drift(
        'serviceaccount',
        `service account ${unit.ns}/${unit.sa}`,
        `client id ${recorded.clientId}`,
        unit.saClientId
          ? `client id ${unit.saClientId}`
          : 'no client-id annotation',
        reapply,
        refs.serviceAccount(unit),
      );
    }
    return items;
  },
};

function coveredByAnActiveRequest(
  unit: BindingView,
  assignment: { scope: string; roleDefinitionId: string },
): boolean {
  return (valueOf(unit.snapshot.requests) ?? [])
    .filter(r => r.status === 'active' || r.status === 'approved')
    .some(r =>
      r.roleAssignments.some(
        p =>
          normScope(p.scope) === normScope(assignment.scope) &&
          guidOf(p.roleDefinitionId) === guidOf(assignment.roleDefinitionId),
      ),
    );
}

import { RoleAssignment } from '../../inspection/azureTypes';
import { BindingView, ENTITY_ANNOTATIONS } from '../../inspection/derive';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import {
  identityAssignments,
  resourceTypeName,
  roleAssignmentDelete,
  roleName,
  scopeKind,
  targetsUnder,
} from './assignments';
import { normScope, roleAssignmentCreate } from './roleAccess';

// A request that approved exactly this role at exactly this scope made the breadth a decision.
function approved(unit: BindingView, a: RoleAssignment): boolean {
  return (unit.request?.roleAssignments ?? []).some(
    r =>
      normScope(r.scope) === normScope(a.properties.scope) &&
      r.roleDefinitionId.split('/').pop()?.toLowerCase() ===
        a.properties.roleDefinitionId.split('/').pop()?.toLowerCase(),
  );
}

/** A role of the identity at a resource group or above, where the target alone would do. */
export const raScopeTooBroad: BindingRule = {
  id: 'ra-scope-too-broad',
  link: 'roleassignment',
  scope: 'binding',
  reads: ['A2', 'A4', 'O3'],
  masks: ['request-drift'],
  severity: ['warning', 'info'],
  detects:
    'A role of the identity is granted at a resource group, subscription or management group where the resource alone would do, so it also covers every other resource of that type there. Info when a request approved exactly that role at that scope; without known resources, only scopes wider than a resource group count.',
  fix: 'Assigns the same role at the resource and deletes the broad assignment.',
  evaluate({ unit, resourceTypes }) {
    const identity = unit.identity;
    if (!identity) return [];
    const known = unit.binding.targets.length > 0;
    const findings = [];
    for (const a of identityAssignments(unit)) {
      const { scope } = a.properties;
      const kind = scopeKind(scope);
      if (kind === 'resource') continue;
      // Without known targets a resource group may be the intended unit; only wider is flagged.
      if (!known && kind === 'resource group') continue;
      const served = targetsUnder(unit, scope);
      const target = served[0]?.resourceId;
      const role = roleName(unit, a);
      const isApproved = approved(unit, a);
      const typeName = target
        ? `${resourceTypeName(target, resourceTypes)}`
        : 'resource of that type';
      findings.push(
        findingOf(raScopeTooBroad, {
          severity: isApproved ? 'info' : 'warning',
          state: 'degraded',
          message: `${role} is granted at ${kind} ${scope}; ${
            target ?? 'the target resource'
          } alone would do. It currently also covers every other ${typeName} in that ${kind}${
            isApproved ? ` (approved in request ${unit.request!.id})` : ''
          }.`,
          evidence: {
            expected: `scope = ${target ?? '<target resource id>'}`,
            actual: `scope = ${scope} (${kind})`,
          },
          fix: commandFix(
            `${roleAssignmentCreate(
              identity.properties.principalId,
              role,
              target ?? '<target resource id>',
            )} && ${roleAssignmentDelete(a.id)}`,
            'component',
            target
              ? undefined
              : {
                  note: `The resources the workload uses are not known: replace <target resource id> with the id of the one it uses in that ${kind}, or list their ids in the annotation ${ENTITY_ANNOTATIONS.resources} of ${unit.snapshot.entityRef} and the card fills it in.`,
                },
          ),
          ref: refs.azure(a.id, 'RoleAssignment'),
        }),
      );
    }
    return findings;
  },
};

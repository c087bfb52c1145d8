import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import {
  inventoryComplete,
  knownIdentities,
  sameGuid,
} from '../serviceaccount/inventory';
import { roleAssignmentDelete, roleName, uniqueById } from './assignments';

/**
 * An assignment on a target of the component whose principal is an identity the component's
 * request records name, and that no listed identity holds any more. Without that history the
 * rule does not guess (asking Microsoft Graph, read `O6`, is not done yet).
 */
export const raOrphaned: BindingRule = {
  id: 'ra-orphaned',
  link: 'roleassignment',
  scope: 'binding',
  reads: ['A2', 'A4', 'O3'],
  masks: [],
  severity: 'warning',
  detects:
    "A role assignment on a resource the component uses belongs to an identity the component's requests once named and that no longer exists: it grants nothing but clutters access reviews. Judged only when every subscription could be listed.",
  fix: 'Deletes the assignment.',
  evaluate({ unit }) {
    // "Gone" can only be concluded when every subscription was listed.
    if (!inventoryComplete(unit)) return [];
    const live = knownIdentities(unit).map(i => i.properties.principalId);
    const gone = new Map<string, string>();
    for (const record of valueOf(unit.snapshot.requests) ?? []) {
      const principal = record.identity.principalId;
      if (principal && !live.some(p => sameGuid(p, principal)))
        gone.set(principal.toLowerCase(), record.identity.name);
    }
    if (gone.size === 0) return [];
    const atTargets = uniqueById(
      unit.binding.targets.flatMap(t => valueOf(t.assignmentsAtScope) ?? []),
    );
    return atTargets
      .filter(a => gone.has(a.properties.principalId.toLowerCase()))
      .map(a => {
        const role = roleName(unit, a);
        const { scope, principalId } = a.properties;
        return findingOf(raOrphaned, {
          severity: 'warning',
          state: 'degraded',
          message: `Role assignment ${role} on ${scope} belongs to a principal that no longer exists; it grants nothing but clutters access reviews.`,
          evidence: {
            expected: 'assignments point to existing principals',
            actual: `${role} at ${scope} → ${principalId} (formerly ${gone.get(
              principalId.toLowerCase(),
            )}, deleted)`,
          },
          fix: commandFix(roleAssignmentDelete(a.id)),
          ref: refs.azure(a.id, 'RoleAssignment'),
        });
      });
  },
};

import { FindingFix } from '@backstage-community/plugin-azure-workload-identity-common';
import { ENTITY_ANNOTATIONS } from '../../inspection/derive';
import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import {
  identityAssignmentsOn,
  isAccessPolicyVault,
  requiredAccess,
  roleAssignmentCreate,
} from './roleAccess';

/** The identity holds no role at or above a target (or none at all when targets are unknown). */
export const raMissing: BindingRule = {
  id: 'ra-missing',
  link: 'roleassignment',
  scope: 'binding',
  reads: ['A2', 'A4', 'A5', 'A6', 'O3'],
  masks: ['request-drift'],
  severity: 'error',
  detects:
    'The identity holds no role at or above a resource it uses, so the token exchange can succeed while every call to the resource is denied (403). Without known resources: the identity holds no role anywhere Backstage can read. Key Vaults in access-policy mode are left to the `kv-*` rules.',
  fix: 'Assigns the least built-in role that grants the access asked for at the resource; where no single role fits, or the resources are not known, it says what to decide first.',
  evaluate({ unit, resourceTypes }) {
    const identity = unit.identity;
    if (!identity) return [];
    const principal = identity.properties.principalId;
    // Which role, and on what, are a person's choice when the card cannot derive them: the
    // fix then says what to decide instead of a command with blanks in it.
    const fixFor = (scope: string, leastRole: string | undefined): FindingFix =>
      leastRole
        ? commandFix(roleAssignmentCreate(principal, leastRole, scope))
        : {
            kind: 'action',
            owner: 'component',
            text: `No single built-in role grants exactly the access asked for on ${scope}: choose the role with the platform team, then assign it to principal ${principal} at that scope (az role assignment create --assignee-object-id ${principal} --assignee-principal-type ServicePrincipal --scope ${scope} and the role you chose).`,
          };
    const body = (scope: string, expected: string) => ({
      severity: 'error' as const,
      state: 'broken' as const,
      message: `Identity ${identity.name} has no role on ${scope}. Token exchange can succeed, but every call to ${scope} will be denied (403).`,
      evidence: { expected, actual: `none (at or above ${scope})` },
    });
    if (unit.binding.targets.length === 0) {
      if ((valueOf(unit.binding.roleAssignments) ?? []).length > 0) return [];
      return [
        findingOf(raMissing, {
          ...body('any scope', `a role for principal ${principal}`),
          message: `Identity ${identity.name} has no role assignment in any subscription Backstage can read; every Azure call it makes will be denied (403).`,
          fix: {
            kind: 'action',
            owner: 'component',
            text: `Decide which Azure resources ${identity.name} must reach and with what access, then request that access from this card, or list the resources' ids in the annotation ${ENTITY_ANNOTATIONS.resources} of ${unit.snapshot.entityRef}; the card then shows the role assignment command with the least role for each.`,
          },
          ref: refs.azure(identity.id, 'UserAssignedIdentity'),
        }),
      ];
    }
    return (
      unit.binding.targets
        // A deleted target still fires: resource-not-found masks it (scenario storage-account-deleted).
        .filter(
          t =>
            ['ok', 'not-found'].includes(t.resource.status) &&
            !isAccessPolicyVault(t),
        )
        .filter(t => identityAssignmentsOn(unit, t).length === 0)
        .map(t =>
          findingOf(raMissing, {
            ...body(
              t.resourceId,
              `a role on ${t.resourceId} for principal ${principal}`,
            ),
            fix: fixFor(
              t.resourceId,
              requiredAccess(t, resourceTypes).leastRole,
            ),
            ref: refs.azure(t.resourceId, 'Resource'),
          }),
        )
    );
  },
};

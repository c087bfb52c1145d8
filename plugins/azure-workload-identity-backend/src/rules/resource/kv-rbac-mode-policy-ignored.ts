import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { coversTarget } from '../roleassignment/assignments';
import {
  identityAssignmentsOn,
  requiredAccess,
  roleAssignmentCreate,
} from '../roleassignment/roleAccess';
import { resourceGroupArgs } from '../azArgs';

/** A vault in RBAC mode whose only grant for the identity is an access policy (ignored there). */
export const kvRbacModePolicyIgnored: BindingRule = {
  id: 'kv-rbac-mode-policy-ignored',
  link: 'resource',
  scope: 'binding',
  reads: ['A2', 'A6', 'A4', 'A5'],
  masks: [
    'request-drift',
    { ruleId: 'ra-missing', sameObject: true },
    { ruleId: 'ra-control-plane-only', sameObject: true },
  ],
  severity: 'error',
  detects:
    "A Key Vault in Azure RBAC mode where the identity's only grant is an access policy, which that mode ignores, and no data role covers its access.",
  fix: 'Assigns the least data role on the vault and deletes the ignored access policy.',
  evaluate({ unit, resourceTypes }) {
    const identity = unit.identity;
    if (!identity) return [];
    const principal = identity.properties.principalId;
    const findings = [];
    for (const target of unit.binding.targets) {
      const vault = valueOf(target.resource);
      if (
        vault?.type.toLowerCase() !== 'microsoft.keyvault/vaults' ||
        vault.properties.enableRbacAuthorization !== true
      )
        continue;
      const hasPolicy = (vault.properties.accessPolicies ?? []).some(
        p => p.objectId.toLowerCase() === principal.toLowerCase(),
      );
      if (!hasPolicy) continue;
      if (
        coversTarget(
          unit,
          target,
          identityAssignmentsOn(unit, target),
          resourceTypes,
        )
      )
        continue;
      const least =
        requiredAccess(target, resourceTypes).leastRole ??
        'Key Vault Secrets User';
      findings.push(
        findingOf(kvRbacModePolicyIgnored, {
          severity: 'error',
          state: 'broken',
          message: `Key Vault ${vault.name} uses Azure RBAC; the access policy for ${identity.name} is ignored and no data role is assigned.`,
          evidence: {
            expected: `RBAC data role (e.g. ${least})`,
            actual: 'access policy only (ignored in RBAC mode)',
          },
          fix: commandFix(
            `${roleAssignmentCreate(
              principal,
              least,
              target.resourceId,
            )} && az keyvault delete-policy --name ${
              vault.name
            } ${resourceGroupArgs(target.resourceId)} --object-id ${principal}`,
          ),
          ref: refs.azure(target.resourceId, 'Resource'),
        }),
      );
    }
    return findings;
  },
};

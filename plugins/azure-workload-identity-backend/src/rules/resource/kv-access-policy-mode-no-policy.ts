import { parseResourceId } from '@backstage-community/plugin-azure-workload-identity-common';
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
  roleOf,
} from '../roleassignment/roleAccess';
import { TargetSnapshot } from '../../inspection/snapshot';

type Area = 'secrets' | 'certificates';

// The access-policy permission an intent needs; "all" grants every one.
function needed(target: TargetSnapshot): {
  area: Area;
  permission: string;
  verb: string;
} {
  if (/cert/i.test(target.intent))
    return {
      area: 'certificates',
      permission: 'get',
      verb: 'read certificates',
    };
  if (target.intent === 'write' || target.intent === 'manage') {
    return { area: 'secrets', permission: 'set', verb: 'write secrets' };
  }
  return { area: 'secrets', permission: 'get', verb: 'read secrets' };
}

/**
 * The vault as `az keyvault` takes it. With its group and subscription named, az goes to the
 * vault directly instead of looking for the name among the default subscription's vaults.
 */
function vaultArgs(resourceId: string, name: string): string {
  const parsed = parseResourceId(resourceId);
  return parsed
    ? `--name ${name} --resource-group ${parsed.resourceGroup} --subscription ${parsed.subscriptionId}`
    : `--name ${name}`;
}

/** A vault in access-policy mode without a policy for the identity; RBAC roles are ignored. */
export const kvAccessPolicyModeNoPolicy: BindingRule = {
  id: 'kv-access-policy-mode-no-policy',
  link: 'resource',
  scope: 'binding',
  reads: ['A6', 'A4'],
  masks: [
    { ruleId: 'ra-missing', sameObject: true },
    { ruleId: 'ra-control-plane-only', sameObject: true },
  ],
  severity: 'error',
  detects:
    'A Key Vault in access-policy mode has no access policy that lets the identity do what its access needs (read or write secrets, read certificates); Azure RBAC roles on such a vault are ignored.',
  fix: "Adds an access policy for the identity with the permissions its access needs; its note names turning on Azure RBAC for the vault as the platform's alternative.",
  evaluate({ unit }) {
    const identity = unit.identity;
    if (!identity) return [];
    const principal = identity.properties.principalId.toLowerCase();
    const findings = [];
    for (const target of unit.binding.targets.filter(isAccessPolicyVault)) {
      const vault = valueOf(target.resource)!;
      const { area, permission, verb } = needed(target);
      const granted = (vault.properties.accessPolicies ?? []).some(
        p =>
          p.objectId.toLowerCase() === principal &&
          (!p.tenantId ||
            p.tenantId.toLowerCase() ===
              identity.properties.tenantId.toLowerCase()) &&
          (p.permissions[area] ?? []).some(x =>
            ['all', permission].includes(x.toLowerCase()),
          ),
      );
      if (granted) continue;
      const ignored = identityAssignmentsOn(unit, target).map(
        a =>
          roleOf(unit, a.properties.roleDefinitionId)?.roleName ??
          a.properties.roleDefinitionId,
      );
      const where = vaultArgs(target.resourceId, vault.name);
      const perms =
        area === 'secrets'
          ? `--secret-permissions ${
              permission === 'set' ? 'get list set' : 'get list'
            }`
          : '--certificate-permissions get list';
      findings.push(
        findingOf(kvAccessPolicyModeNoPolicy, {
          severity: 'error',
          state: 'broken',
          message: `Key Vault ${
            vault.name
          } uses access policies, not Azure RBAC${
            ignored.length ? `, so ${ignored.join(', ')} on it is ignored` : ''
          }; no access policy lets ${identity.name} ${verb}.`,
          evidence: {
            expected: `access policy for ${identity.properties.principalId} with ${area}:${permission}`,
            actual: `no entry${
              ignored.length
                ? `; RBAC role ${ignored.join(', ')} present but ignored`
                : ''
            }`,
          },
          fix: commandFix(
            `az keyvault set-policy ${where} --object-id ${identity.properties.principalId} ${perms}`,
            'component',
            {
              note: `The platform's alternative is to turn on Azure RBAC for the vault (az keyvault update ${where} --enable-rbac-authorization true): its roles then count and its access policies no longer do, for every user of the vault.`,
            },
          ),
          ref: refs.azure(target.resourceId, 'Resource'),
        }),
      );
    }
    return findings;
  },
};

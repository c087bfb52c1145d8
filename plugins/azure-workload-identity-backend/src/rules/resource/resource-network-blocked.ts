import { TargetResource } from '../../inspection/azureTypes';
import { ipMatchesRule } from '../../inspection/network';
import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { resourceGroupArgs } from '../azArgs';

// The command that lets the node subnet in, per resource type (the subnet needs the matching
// service endpoint either way).
function allowSubnet(resource: TargetResource, subnet: string): string {
  const where = resourceGroupArgs(resource.id);
  const type = resource.type.toLowerCase();
  if (type === 'microsoft.storage/storageaccounts')
    return `az storage account network-rule add ${where} --account-name ${resource.name} --subnet ${subnet}`;
  if (type === 'microsoft.keyvault/vaults')
    return `az keyvault network-rule add --name ${resource.name} ${where} --subnet ${subnet}`;
  return `add a virtual-network rule for ${subnet} to ${resource.name}`;
}

/**
 * The target's firewall does not let the cluster in and there is no private endpoint at all.
 * IP rules are judged against the cluster's outbound addresses (read `A7`); where those are not
 * known, a Deny firewall with IP rules is not judged: one of them may be the cluster's.
 */
export const resourceNetworkBlocked: BindingRule = {
  id: 'resource-network-blocked',
  link: 'resource',
  scope: 'binding',
  reads: ['A6', 'A1', 'A7'],
  masks: [],
  severity: 'error',
  detects:
    "The resource's firewall does not let the cluster in (public network access disabled, or default Deny with no rule for the node subnet or the cluster's outbound addresses) and it has no private endpoint, so calls time out or get 403. IP rules are not judged where the cluster's outbound addresses are not known.",
  fix: 'Adds a network rule for the node subnet (which needs the matching service endpoint), or a private endpoint where public access is disabled. A platform task.',
  evaluate({ unit }) {
    const subnets = (unit.managedCluster?.properties.agentPoolProfiles ?? [])
      .map(p => p.vnetSubnetID)
      .filter((s): s is string => Boolean(s));
    const findings = [];
    for (const target of unit.binding.targets) {
      const resource = valueOf(target.resource);
      if (!resource) continue;
      const p = resource.properties;
      if ((p.privateEndpointConnections ?? []).length > 0) continue;
      const acls = p.networkAcls ?? p.networkRuleSet ?? {};
      const disabled = p.publicNetworkAccess?.toLowerCase() === 'disabled';
      const vnetRules = (acls.virtualNetworkRules ?? []).map(r => r.id);
      const ipRules = (acls.ipRules ?? []).map(r => r.value);
      const subnetAllowed = vnetRules.some(r =>
        subnets.some(s => s.toLowerCase() === r.toLowerCase()),
      );
      const egress = valueOf(target.network)?.egressIps ?? [];
      const ipAllowed = ipRules.some(rule =>
        egress.some(ip => ipMatchesRule(ip, rule)),
      );
      const ipUnjudged = ipRules.length > 0 && egress.length === 0;
      const denied =
        acls.defaultAction === 'Deny' &&
        !subnetAllowed &&
        !ipAllowed &&
        !ipUnjudged;
      if (!disabled && !denied) continue;
      const subnet = subnets[0] ?? '<node subnet id>';
      let allowed = 'nowhere (firewall Deny, no rules)';
      if (disabled) allowed = 'private endpoints';
      else if (vnetRules.length || ipRules.length)
        allowed = [...vnetRules, ...ipRules].join(', ');
      const from = [...egress, ...subnets].join(', ') || 'its node subnet';
      findings.push(
        findingOf(resourceNetworkBlocked, {
          severity: 'error',
          state: 'broken',
          message: `${resource.name} accepts traffic only from ${allowed}; ${
            unit.cluster.name
          } reaches it from ${from}, which is not allowed, and no private endpoint exists. Calls will time out or get 403${
            resource.type.toLowerCase() === 'microsoft.keyvault/vaults'
              ? ' (ForbiddenByFirewall)'
              : ''
          }.`,
          evidence: {
            expected: `reachable from ${unit.cluster.name} (egress ${
              egress.join(', ') || 'unknown'
            }, subnets ${subnets.join(', ') || 'unknown'})`,
            actual: `publicNetworkAccess=${
              p.publicNetworkAccess ?? 'unset'
            }, defaultAction=${
              acls.defaultAction ?? 'unset'
            }, ipRules=[${ipRules.join(', ')}], vnetRules=[${vnetRules.join(
              ', ',
            )}], private endpoints: none`,
          },
          fix: commandFix(
            disabled
              ? `create a private endpoint for ${resource.id} in the cluster's VNet (public network access is disabled, so network rules cannot help)`
              : `${allowSubnet(
                  resource,
                  subnet,
                )} (the subnet needs the matching service endpoint), or create a private endpoint`,
            'platform',
          ),
          ref: refs.azure(target.resourceId, 'Resource'),
        }),
      );
    }
    return findings;
  },
};

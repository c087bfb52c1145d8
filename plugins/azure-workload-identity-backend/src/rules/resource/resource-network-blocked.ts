import { FindingFix } from '@backstage-community/plugin-azure-workload-identity-common';
import { TargetResource } from '../../inspection/azureTypes';
import { BindingView } from '../../inspection/derive';
import { ipMatchesRule } from '../../inspection/network';
import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { resourceGroupArgs } from '../azArgs';

// The command that lets the node subnet in, and the service endpoint a virtual network rule
// needs on the subnet (https://learn.microsoft.com/azure/storage/common/storage-network-security,
// https://learn.microsoft.com/azure/key-vault/general/network-security), per resource type;
// none for the types az has no such one-line command for.
function allowSubnet(
  resource: TargetResource,
  subnet: string,
): { command: string; serviceEndpoint: string } | undefined {
  const where = resourceGroupArgs(resource.id);
  const type = resource.type.toLowerCase();
  if (type === 'microsoft.storage/storageaccounts')
    return {
      command: `az storage account network-rule add ${where} --account-name ${resource.name} --subnet ${subnet}`,
      serviceEndpoint: 'Microsoft.Storage',
    };
  if (type === 'microsoft.keyvault/vaults')
    return {
      command: `az keyvault network-rule add --name ${resource.name} ${where} --subnet ${subnet}`,
      serviceEndpoint: 'Microsoft.KeyVault',
    };
  return undefined;
}

/**
 * A network rule for the nodes' subnet where public access is on, else a private endpoint,
 * which takes a choice of subnet and DNS and so is said in words.
 */
function networkFix(options: {
  unit: BindingView;
  resource: TargetResource;
  disabled: boolean;
  subnet?: string;
}): FindingFix {
  const { unit, resource, disabled, subnet } = options;
  const endpoint = `create a private endpoint for ${resource.name} in the cluster's virtual network`;
  const allow = disabled
    ? undefined
    : allowSubnet(resource, subnet ?? '<node subnet id>');
  if (!allow) {
    return {
      kind: 'action',
      owner: 'platform',
      text: disabled
        ? `Public network access to ${resource.name} is disabled, so network rules cannot help: ${endpoint}.`
        : `Add a virtual network rule for the node subnet${
            subnet ? ` ${subnet}` : ''
          } to ${resource.name}, or ${endpoint}.`,
    };
  }
  return commandFix(allow.command, 'platform', {
    note: [
      `The subnet needs the ${allow.serviceEndpoint} service endpoint for this rule. Or ${endpoint} instead.`,
      subnet
        ? ''
        : `Replace <node subnet id> with the subnet of the cluster's node pools: az aks nodepool list --cluster-name ${unit.cluster.name} -g ${unit.cluster.resourceGroup} --subscription ${unit.cluster.subscriptionId} --query "[].vnetSubnetId" -o tsv prints it.`,
    ]
      .filter(Boolean)
      .join(' '),
  });
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
  fix: 'Adds a network rule for the node subnet (which needs the matching service endpoint) where az has one for the type; where public access is disabled, says to create a private endpoint. A platform task.',
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
          fix: networkFix({ unit, resource, disabled, subnet: subnets[0] }),
          ref: refs.azure(target.resourceId, 'Resource'),
        }),
      );
    }
    return findings;
  },
};

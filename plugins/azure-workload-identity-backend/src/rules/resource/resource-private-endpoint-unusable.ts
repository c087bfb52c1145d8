import { parseResourceId } from '@internal/plugin-azure-workload-identity-common';
import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';

/**
 * A private resource whose private endpoints are none of them approved. (The peering and DNS
 * variants need the network reads, A7, that the snapshot does not carry yet.)
 */
export const resourcePrivateEndpointUnusable: BindingRule = {
  id: 'resource-private-endpoint-unusable',
  link: 'resource',
  scope: 'binding',
  reads: ['A6', 'A1'],
  masks: [{ ruleId: 'resource-network-blocked', sameObject: true }],
  evaluate({ unit }) {
    return unit.binding.targets.flatMap(target => {
      const resource = valueOf(target.resource);
      if (!resource) return [];
      const { properties } = resource;
      const isPrivate =
        properties.publicNetworkAccess === 'Disabled' ||
        (properties.networkAcls ?? properties.networkRuleSet)?.defaultAction ===
          'Deny';
      const connections = properties.privateEndpointConnections ?? [];
      if (!isPrivate || connections.length === 0) return [];
      const states = connections.map(
        c =>
          c.properties.privateLinkServiceConnectionState?.status ?? 'Unknown',
      );
      // Only a state that says "not usable" counts; an unknown one is not guessed at.
      const unusable = ['Pending', 'Rejected', 'Disconnected'];
      if (!states.every(state => unusable.includes(state))) return [];
      const rg = parseResourceId(resource.id)?.resourceGroup ?? '<rg>';
      return [
        findingOf(resourcePrivateEndpointUnusable, {
          severity: 'error',
          state: 'broken',
          message: `${resource.name} is private, and its private endpoint is not approved.`,
          evidence: {
            expected: `approved endpoint reachable from the cluster with private DNS`,
            actual: `status ${states.join(', ')}`,
          },
          fix: commandFix(
            `az network private-endpoint-connection approve --id ${connections[0].id} (resource group ${rg})`,
            'platform',
          ),
          ref: refs.azure(resource.id, resource.type),
        }),
      ];
    });
  },
};

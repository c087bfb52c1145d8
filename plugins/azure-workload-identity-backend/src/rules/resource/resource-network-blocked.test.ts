import { binding, managedCluster } from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

const storage = (s: ReturnType<typeof scenarioSnapshot>) => {
  const read = binding(s).targets[0].resource;
  if (read.status !== 'ok') throw new Error('fixture');
  return read.value;
};

describe('resource-network-blocked', () => {
  it('storage-firewall-deny: no rule lets the node subnet in, no private endpoint', () => {
    const outcome = runScenario('storage-firewall-deny');
    expect(outcome.visible).toEqual(['resource-network-blocked']);
    expect(outcome.masked).toEqual([]);
    const finding = findingOfRule(outcome, 'resource-network-blocked');
    expect(finding.message).toBe(
      `ordersdata accepts traffic only from nowhere (firewall Deny, no rules); aks-prod reaches it from ${W.nodeSubnet}, which is not allowed, and no private endpoint exists. Calls will time out or get 403.`,
    );
    expect(finding.evidence.actual).toBe(
      'publicNetworkAccess=Enabled, defaultAction=Deny, ipRules=[], vnetRules=[], private endpoints: none',
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      text: `az storage account network-rule add --resource-group rg-apps --subscription 00000000-0000-0000-0000-000000000001 --account-name ordersdata --subnet ${W.nodeSubnet}`,
      owner: 'platform',
      note: "The subnet needs the Microsoft.Storage service endpoint for this rule. Or create a private endpoint for ordersdata in the cluster's virtual network instead.",
    });
  });

  it('says how to find the node subnet where the node pools do not name one', () => {
    const snapshot = scenarioSnapshot('storage-firewall-deny');
    for (const pool of managedCluster(snapshot).properties.agentPoolProfiles ??
      [])
      delete pool.vnetSubnetID;
    const { fix } = findingOfRule(
      runScenario(snapshot),
      'resource-network-blocked',
    );
    expect(fix.text).toContain('--subnet <node subnet id>');
    expect(fix.note).toContain(
      `Replace <node subnet id> with the subnet of the cluster's node pools: az aks nodepool list --cluster-name aks-prod -g rg-aks --subscription ${W.sub} --query "[].vnetSubnetId" -o tsv prints it.`,
    );
  });

  it('says to create a private endpoint, in words, where public access is disabled', () => {
    const snapshot = scenarioSnapshot('storage-firewall-deny');
    storage(snapshot).properties.publicNetworkAccess = 'Disabled';
    expect(
      findingOfRule(runScenario(snapshot), 'resource-network-blocked').fix,
    ).toEqual({
      kind: 'action',
      owner: 'platform',
      text: "Public network access to ordersdata is disabled, so network rules cannot help: create a private endpoint for ordersdata in the cluster's virtual network.",
    });
  });

  it('is satisfied by a virtual-network rule for the node subnet (healthy/firewall-allows-subnet)', () => {
    const snapshot = scenarioSnapshot('storage-firewall-deny');
    storage(snapshot).properties.networkAcls!.virtualNetworkRules = [
      { id: W.nodeSubnet.toUpperCase() },
    ];
    expect(runScenario(snapshot).findings).toEqual([]);
  });

  it('leaves a private endpoint to resource-private-endpoint-unusable', () => {
    const snapshot = scenarioSnapshot('storage-firewall-deny');
    storage(snapshot).properties.privateEndpointConnections = [
      { id: `${W.storageId}/privateEndpointConnections/pe`, properties: {} },
    ];
    expect(runScenario(snapshot).findings).toEqual([]);
  });

  describe("IP rules, against the cluster's outbound addresses", () => {
    const withIpRule = (rule: string, egressIps: string[]) => {
      const snapshot = scenarioSnapshot('storage-firewall-deny');
      storage(snapshot).properties.networkAcls!.ipRules = [{ value: rule }];
      binding(snapshot).targets[0].network = {
        status: 'ok',
        value: { nodeVnets: [], egressIps, privateEndpoints: [] },
      };
      return runScenario(snapshot);
    };

    it('lets the cluster in through a rule that holds its address', () => {
      expect(withIpRule('20.50.1.0/24', ['20.50.1.7']).findings).toEqual([]);
    });

    it('blocks it when no rule holds its address, naming both', () => {
      const finding = findingOfRule(
        withIpRule('198.51.100.0/24', ['20.50.1.7']),
        'resource-network-blocked',
      );
      expect(finding.message).toBe(
        `ordersdata accepts traffic only from 198.51.100.0/24; aks-prod reaches it from 20.50.1.7, ${W.nodeSubnet}, which is not allowed, and no private endpoint exists. Calls will time out or get 403.`,
      );
      expect(finding.evidence.expected).toBe(
        `reachable from aks-prod (egress 20.50.1.7, subnets ${W.nodeSubnet})`,
      );
    });

    it('does not judge IP rules while the outbound addresses are unknown', () => {
      expect(withIpRule('198.51.100.0/24', []).findings).toEqual([]);
    });
  });
});

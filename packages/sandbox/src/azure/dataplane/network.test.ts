import { evaluateNetwork, ipInRange } from './network';

describe('network rules', () => {
  it('matches IPv4 addresses and CIDR ranges', () => {
    expect(ipInRange('20.0.0.10', '20.0.0.10')).toBe(true);
    expect(ipInRange('20.0.0.10', '20.0.0.0/24')).toBe(true);
    expect(ipInRange('20.0.1.10', '20.0.0.0/24')).toBe(false);
    expect(ipInRange('1.2.3.4', '0.0.0.0/0')).toBe(true);
  });

  const resource = (properties: Record<string, unknown>) => ({
    id: '/x',
    type: 'Microsoft.Storage/storageAccounts',
    name: 'x',
    properties,
  });

  it('allows by default, denies when public access is disabled or the default is Deny without a matching rule', () => {
    expect(evaluateNetwork(resource({}), { ip: '1.1.1.1' }).allowed).toBe(true);
    expect(
      evaluateNetwork(resource({ publicNetworkAccess: 'Disabled' }), {
        ip: '1.1.1.1',
      }).allowed,
    ).toBe(false);
    const acl = resource({
      networkAcls: {
        defaultAction: 'Deny',
        ipRules: [{ value: '20.0.0.0/16' }],
        virtualNetworkRules: [{ id: '/sub/nodes' }],
      },
    });
    expect(evaluateNetwork(acl, { ip: '1.1.1.1' }).allowed).toBe(false);
    expect(evaluateNetwork(acl, { ip: '20.0.9.9' }).allowed).toBe(true);
    expect(
      evaluateNetwork(acl, { ip: '1.1.1.1', subnetId: '/SUB/nodes' }).allowed,
    ).toBe(true);
  });

  it('reads Service Bus / Event Hubs rules from the networkRuleSets/default child', () => {
    const ruleSet = {
      id: '/x/networkRuleSets/default',
      type: 't',
      name: 'default',
      properties: {
        defaultAction: 'Deny',
        ipRules: [{ ipMask: '20.0.0.10', action: 'Allow' }],
      },
    };
    expect(
      evaluateNetwork(resource({}), { ip: '20.0.0.10' }, ruleSet).allowed,
    ).toBe(true);
    expect(
      evaluateNetwork(resource({}), { ip: '20.0.0.11' }, ruleSet).allowed,
    ).toBe(false);
  });
});

import { ipMatchesRule, privateLinkZone, vnetOfSubnet } from './network';

describe('network facts', () => {
  it('matches an address against a single-address or CIDR rule', () => {
    expect(ipMatchesRule('20.50.1.7', '20.50.1.7')).toBe(true);
    expect(ipMatchesRule('20.50.1.7', '20.50.1.0/24')).toBe(true);
    expect(ipMatchesRule('20.50.2.7', '20.50.1.0/24')).toBe(false);
    expect(ipMatchesRule('20.50.1.7', '0.0.0.0/0')).toBe(true);
    expect(ipMatchesRule('20.50.1.7', 'not-an-ip')).toBe(false);
  });

  it('finds the virtual network of a subnet', () => {
    expect(
      vnetOfSubnet(
        '/subscriptions/S/resourceGroups/rg-aks/providers/Microsoft.Network/virtualNetworks/vnet-aks/subnets/nodes',
      ),
    ).toBe(
      '/subscriptions/S/resourceGroups/rg-aks/providers/Microsoft.Network/virtualNetworks/vnet-aks',
    );
    expect(vnetOfSubnet(undefined)).toBeUndefined();
  });

  it("names each service's private link zone", () => {
    expect(privateLinkZone('Microsoft.KeyVault/vaults', 'read')).toBe(
      'privatelink.vaultcore.azure.net',
    );
    expect(privateLinkZone('Microsoft.Storage/storageAccounts', 'send')).toBe(
      'privatelink.queue.core.windows.net',
    );
    expect(privateLinkZone('Contoso.Widgets/widgets', 'read')).toBeUndefined();
  });
});

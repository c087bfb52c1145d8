import { knownApiVersion } from './apiVersions';

const rg = '/subscriptions/S/resourceGroups/rg-aks/providers';

describe('knownApiVersion', () => {
  it("gives a provider's version to its types and their children", () => {
    expect(
      knownApiVersion(`${rg}/Microsoft.Storage/storageAccounts/ordersdata`),
    ).toBe('2023-05-01');
    expect(
      knownApiVersion(`${rg}/Microsoft.Network/virtualNetworks/vnet-aks`),
    ).toBe('2023-09-01');
  });

  it('gives Private DNS zones and their links their own version', () => {
    const zone = `${rg}/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`;
    expect(knownApiVersion(zone)).toBe('2020-06-01');
    expect(knownApiVersion(`${zone}/virtualNetworkLinks/vnet-aks`)).toBe(
      '2020-06-01',
    );
  });

  it('leaves unknown providers to be asked', () => {
    expect(knownApiVersion(`${rg}/Contoso.Widgets/widgets/w1`)).toBeUndefined();
  });
});

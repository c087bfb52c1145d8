import { findBuiltinRole } from '@backstage-community/plugin-azure-workload-identity-common';
import { accessInWords, scopeInWords, thirdPerson } from './accessInWords';

const sub = '/subscriptions/00000000-0000-0000-0000-000000000001';
const rg = `${sub}/resourceGroups/rg-apps/providers`;
const role = (name: string) =>
  `${sub}/providers/Microsoft.Authorization/roleDefinitions/${
    findBuiltinRole(name)!.id
  }`;

describe('accessInWords', () => {
  it('says what a data role does on a container, not that it is "an assignment"', () => {
    expect(
      accessInWords({
        roleDefinitionId: role('Storage Blob Data Reader'),
        scope: `${rg}/Microsoft.Storage/storageAccounts/ordersdata/blobServices/default/containers/orders`,
      }),
    ).toEqual({
      words: 'reads blobs in ordersdata/orders',
      role: 'Storage Blob Data Reader',
      scope: `${rg}/Microsoft.Storage/storageAccounts/ordersdata/blobServices/default/containers/orders`,
    });
  });

  it('lists every permission a broader data role holds on the whole account', () => {
    expect(
      accessInWords({
        roleDefinitionId: role('Storage Blob Data Contributor'),
        scope: `${rg}/Microsoft.Storage/storageAccounts/ordersdata`,
      }).words,
    ).toBe(
      'reads blobs, creates and overwrites blobs and deletes blobs in ordersdata',
    );
  });

  it('reads vault and Service Bus roles in their own words', () => {
    expect(
      accessInWords({
        roleDefinitionId: role('Key Vault Secrets User'),
        scope: `${rg}/Microsoft.KeyVault/vaults/kv-orders`,
      }).words,
    ).toBe('reads secret values in kv-orders');
    expect(
      accessInWords({
        roleDefinitionId: role('Azure Service Bus Data Sender'),
        scope: `${rg}/Microsoft.ServiceBus/namespaces/sb-payments`,
      }).words,
    ).toBe('sends messages in sb-payments');
  });

  it('names a role that grants none of the data permissions, and a custom role', () => {
    expect(
      accessInWords({
        roleDefinitionId: role('Reader'),
        scope: `${rg}/Microsoft.KeyVault/vaults/kv-orders`,
      }).words,
    ).toBe('holds Reader on kv-orders');
    expect(
      accessInWords({
        roleDefinitionId: `${sub}/providers/Microsoft.Authorization/roleDefinitions/12345678-0000-0000-0000-000000000000`,
        scope: `${sub}/resourceGroups/rg-apps`,
      }),
    ).toMatchObject({
      words: 'holds a custom role on resource group rg-apps',
      role: '12345678-0000-0000-0000-000000000000',
    });
  });
});

describe('thirdPerson', () => {
  it.each([
    ['create, rotate and delete keys', 'creates, rotates and deletes keys'],
    ['list models and deployments', 'lists models and deployments'],
    [
      'receive and delete queue messages',
      'receives and deletes queue messages',
    ],
  ])('%s → %s', (description, words) => {
    expect(thirdPerson(description)).toBe(words);
  });
});

describe('scopeInWords', () => {
  it('names a subscription scope', () => {
    expect(scopeInWords(sub)).toBe(
      'subscription 00000000-0000-0000-0000-000000000001',
    );
  });
});

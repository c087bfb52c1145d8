import { ResourceChoice } from '@backstage-community/plugin-azure-workload-identity-common';
import { resolveResourceName } from './resolveResourceName';

const resource = (name: string, group = 'rg-apps'): ResourceChoice => ({
  id: `/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/${group}/providers/Microsoft.Storage/storageAccounts/${name}`,
  name,
  type: 'Microsoft.Storage/storageAccounts',
  subscriptionId: '00000000-0000-0000-0000-000000000002',
  resourceGroup: group,
});

describe('resolveResourceName', () => {
  const listed = [resource('searchdata'), resource('mediadata')];

  it('turns a name the picker lists into its resource id, whatever its case', () => {
    expect(resolveResourceName('searchdata', listed)).toBe(listed[0].id);
    expect(resolveResourceName(' SearchData ', listed)).toBe(listed[0].id);
  });

  it('leaves ids, unknown names and names several resources share as typed', () => {
    expect(resolveResourceName(listed[1].id, listed)).toBe(listed[1].id);
    expect(resolveResourceName('nosuchaccount', listed)).toBe('nosuchaccount');
    expect(
      resolveResourceName('searchdata', [
        ...listed,
        resource('searchdata', 'rg-other'),
      ]),
    ).toBe('searchdata');
    expect(resolveResourceName('searchdata', undefined)).toBe('searchdata');
  });
});

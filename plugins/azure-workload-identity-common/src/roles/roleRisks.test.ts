import { findBuiltinRole } from './builtinRoles';
import { roleRisks } from './roleRisks';

const risksOf = (name: string) => roleRisks(findBuiltinRole(name)!);

describe('roleRisks', () => {
  it('names data owners, by name and by a whole data plane', () => {
    expect(risksOf('Storage Blob Data Owner')).toEqual(['data-owner']);
    expect(risksOf('Azure Service Bus Data Owner')).toEqual(['data-owner']);
    expect(risksOf('Key Vault Administrator')).toEqual(['data-owner']);
  });

  it('names roles that can grant access onward', () => {
    expect(risksOf('User Access Administrator')).toEqual(['grants-access']);
    expect(risksOf('Role Based Access Control Administrator')).toEqual([
      'grants-access',
    ]);
    expect(risksOf('Owner')).toEqual(['grants-access', 'wildcard-actions']);
  });

  it('names * actions, but not when role assignments are excluded', () => {
    // Contributor's notActions exclude Microsoft.Authorization/*/Write.
    expect(risksOf('Contributor')).toEqual(['wildcard-actions']);
  });

  it('finds nothing in the least-privileged data roles', () => {
    for (const name of [
      'Storage Blob Data Reader',
      'Storage Blob Data Contributor',
      'Key Vault Secrets User',
      'Key Vault Secrets Officer',
      'Azure Service Bus Data Sender',
      'Reader',
    ]) {
      expect({ name, risks: risksOf(name) }).toEqual({ name, risks: [] });
    }
  });
});

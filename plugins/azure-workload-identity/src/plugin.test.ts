import {
  azureWorkloadIdentityPlugin,
  EntityAzureWorkloadIdentityCard,
} from './plugin';

describe('azure-workload-identity frontend plugin', () => {
  it('uses the family plugin id', () => {
    expect(azureWorkloadIdentityPlugin.getId()).toBe('azure-workload-identity');
  });

  it('provides the entity card as a component', () => {
    expect(EntityAzureWorkloadIdentityCard).toBeInstanceOf(Function);
  });
});

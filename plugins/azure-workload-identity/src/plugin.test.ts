import {
  azureWorkloadIdentityPlugin,
  EntityAzureAccessContent,
  EntityAzureAccessSummaryCard,
  EntityAzureWorkloadIdentityCard,
} from './plugin';

describe('azure-workload-identity frontend plugin', () => {
  it('uses the family plugin id', () => {
    expect(azureWorkloadIdentityPlugin.getId()).toBe('azure-workload-identity');
  });

  it('provides the entity card, the overview summary and the tab as components', () => {
    expect(EntityAzureWorkloadIdentityCard).toBeInstanceOf(Function);
    expect(EntityAzureAccessSummaryCard).toBeInstanceOf(Function);
    expect(EntityAzureAccessContent).toBeInstanceOf(Function);
  });
});

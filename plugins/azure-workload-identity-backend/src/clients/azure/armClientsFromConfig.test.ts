import { AzureWorkloadIdentityConfig } from '../../config/readConfig';
import { armClientsFromConfig } from './armClientsFromConfig';

const config = (): AzureWorkloadIdentityConfig => ({
  azure: {
    tenantId: '72f988bf-0000-0000-0000-000000000001',
    resourceManagerEndpoint: 'https://management.azure.com',
    authorityHost: 'https://login.microsoftonline.com',
    credential: { clientId: 'c', clientSecret: 's' },
  },
  approvals: { approverGroup: 'group:default/platform-team' },
  clusters: [],
});

describe('armClientsFromConfig', () => {
  it('gives every part of the plugin the same clients for one configuration', () => {
    const one = config();
    const clients = armClientsFromConfig(one);
    expect(armClientsFromConfig(one)).toBe(clients);
    expect(
      armClientsFromConfig(one)('00000000-0000-0000-0000-000000000001'),
    ).toBe(clients('00000000-0000-0000-0000-000000000001'));
    expect(armClientsFromConfig(config())).not.toBe(clients);
    expect(
      armClientsFromConfig(one, { retryOptions: { maxRetries: 0 } }),
    ).not.toBe(clients);
  });

  it('refuses a configuration without a tenant', () => {
    const none = config();
    none.azure.tenantId = undefined;
    expect(() => armClientsFromConfig(none)).toThrow(
      'azureWorkloadIdentity.azure.tenantId is not set',
    );
  });
});

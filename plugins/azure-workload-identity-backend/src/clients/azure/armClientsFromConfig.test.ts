import { AzureWorkloadIdentityConfig } from '../../config/readConfig';
import {
  armClientsFromConfig,
  azureCredentialFromConfig,
} from './armClientsFromConfig';

const config = (): AzureWorkloadIdentityConfig => ({
  azure: {
    tenantId: '72f988bf-0000-0000-0000-000000000001',
    resourceManagerEndpoint: 'https://management.azure.com',
    authorityHost: 'https://login.microsoftonline.com',
    credential: { clientId: 'c', clientSecret: 's' },
    subscriptions: [],
  },
  approvals: {
    approverGroup: 'group:default/platform-team',
    otherOwners: { namespace: 'refuse', identity: 'refuse' },
  },
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

  it("signs in to a subscription with its own principal, and to the rest with the portal's", () => {
    const zoned = config();
    const zone = '00000000-0000-0000-0000-000000000009';
    zoned.azure.subscriptions = [
      {
        subscriptionId: zone,
        tenantId: '72f988bf-0000-0000-0000-000000000009',
        credential: { clientId: 'zone-9', clientSecret: 's' },
      },
    ];
    const portal = azureCredentialFromConfig(zoned);
    const other = azureCredentialFromConfig(
      zoned,
      undefined,
      '00000000-0000-0000-0000-000000000001',
    );
    const own = azureCredentialFromConfig(zoned, undefined, zone.toUpperCase());
    expect(other).toBe(portal);
    expect(own).not.toBe(portal);
    expect(azureCredentialFromConfig(zoned, undefined, zone)).toBe(own);
    expect(own.constructor.name).toBe('ClientSecretCredential');
  });

  it('refuses a configuration without a tenant', () => {
    const none = config();
    none.azure.tenantId = undefined;
    expect(() => armClientsFromConfig(none)).toThrow(
      'azureWorkloadIdentity.azure.tenantId is not set',
    );
  });
});

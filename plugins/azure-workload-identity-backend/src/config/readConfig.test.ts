import { ConfigReader } from '@backstage/config';
import { readConfig } from './readConfig';

const tenantId = '72f988bf-0000-0000-0000-000000000001';

describe('readConfig', () => {
  it('defaults to public Azure and the platform team', () => {
    const config = readConfig(new ConfigReader({}));
    expect(config.azure.resourceManagerEndpoint).toBe(
      'https://management.azure.com',
    );
    expect(config.azure.authorityHost).toBe(
      'https://login.microsoftonline.com',
    );
    expect(config.azure.tenantId).toBeUndefined();
    expect(config.approvals.approverGroup).toBe('group:default/platform-team');
  });

  it('reads a sandbox endpoint, identities and a credential', () => {
    const config = readConfig(
      new ConfigReader({
        azureWorkloadIdentity: {
          azure: {
            tenantId,
            resourceManagerEndpoint: 'https://localhost:8443/',
            identities: {
              subscriptionId: '00000000-0000-0000-0000-000000000001',
              resourceGroup: 'rg-identities',
              location: 'eastus',
            },
            credential: { clientId: 'portal', clientSecret: 's3cret' },
          },
        },
      }),
    );
    expect(config.azure.resourceManagerEndpoint).toBe('https://localhost:8443');
    expect(config.azure.identities?.resourceGroup).toBe('rg-identities');
    expect(config.azure.credential?.clientId).toBe('portal');
  });

  it('names the key to fix for a tenant that is not a GUID', () => {
    expect(() =>
      readConfig(
        new ConfigReader({
          azureWorkloadIdentity: { azure: { tenantId: 'contoso.com' } },
        }),
      ),
    ).toThrow(/azureWorkloadIdentity\.azure\.tenantId must be a tenant GUID/);
  });

  it('refuses a plain-http endpoint, which the Azure SDKs would refuse later', () => {
    expect(() =>
      readConfig(
        new ConfigReader({
          azureWorkloadIdentity: {
            azure: { resourceManagerEndpoint: 'http://localhost:8443' },
          },
        }),
      ),
    ).toThrow(/resourceManagerEndpoint must use https/);
  });

  it('refuses an approver that is not a group ref', () => {
    expect(() =>
      readConfig(
        new ConfigReader({
          azureWorkloadIdentity: { approvals: { approverGroup: 'platform' } },
        }),
      ),
    ).toThrow(/approverGroup must be a group entity ref/);
  });

  it('requires every identities key once the block is present', () => {
    expect(() =>
      readConfig(
        new ConfigReader({
          azureWorkloadIdentity: {
            azure: { identities: { subscriptionId: tenantId } },
          },
        }),
      ),
    ).toThrow(/resourceGroup/);
  });

  it('treats a credential block whose variables are unset as no credential', () => {
    const config = readConfig(
      new ConfigReader({ azureWorkloadIdentity: { azure: { credential: {} } } }),
    );
    expect(config.azure.credential).toBeUndefined();
  });
});

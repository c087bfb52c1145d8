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
      new ConfigReader({
        azureWorkloadIdentity: { azure: { credential: {} } },
      }),
    );
    expect(config.azure.credential).toBeUndefined();
  });
  it('reads the subscriptions reached with their own tenant or principal', () => {
    const config = readConfig(
      new ConfigReader({
        azureWorkloadIdentity: {
          azure: {
            tenantId,
            subscriptions: [
              {
                subscriptionId: '00000000-0000-0000-0000-000000000009',
                tenantId: '72f988bf-0000-0000-0000-000000000009',
                credential: { clientId: 'zone-9', clientSecret: 's' },
              },
              { subscriptionId: '00000000-0000-0000-0000-000000000008' },
            ],
          },
        },
      }),
    );
    expect(config.azure.subscriptions).toEqual([
      {
        subscriptionId: '00000000-0000-0000-0000-000000000009',
        tenantId: '72f988bf-0000-0000-0000-000000000009',
        credential: { clientId: 'zone-9', clientSecret: 's' },
      },
      {
        subscriptionId: '00000000-0000-0000-0000-000000000008',
        tenantId: undefined,
        credential: undefined,
      },
    ]);
    expect(() =>
      readConfig(
        new ConfigReader({
          azureWorkloadIdentity: {
            azure: { subscriptions: [{ subscriptionId: 'landing-zone' }] },
          },
        }),
      ),
    ).toThrow(
      /azure\.subscriptions\[0\]\.subscriptionId must be a subscription GUID/,
    );
  });

  describe('clusters', () => {
    const subscriptionId = '00000000-0000-0000-0000-000000000001';
    const kubernetesPlugin = {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'aks-prod',
              url: 'https://aks-prod.example:443',
              authProvider: 'serviceAccount',
              serviceAccountToken: 'reader-token',
              caData: 'Y2E=',
            },
            {
              name: 'aks-aad',
              url: 'https://aks-aad.example',
              authProvider: 'aks',
            },
          ],
        },
      ],
    };
    const read = (
      clusters: unknown[],
      kubernetes: unknown = kubernetesPlugin,
    ) =>
      readConfig(
        new ConfigReader({
          kubernetes,
          azureWorkloadIdentity: { clusters },
        } as any),
      );

    it('lists none by default', () => {
      expect(readConfig(new ConfigReader({})).clusters).toEqual([]);
    });

    it("takes the Kubernetes API from the Kubernetes plugin's cluster of the same name", async () => {
      const config = read([
        { name: 'aks-prod', subscriptionId, resourceGroup: 'rg-aks' },
      ]);
      expect(config).toMatchObject({
        clusters: [
          {
            name: 'aks-prod',
            subscriptionId,
            resourceGroup: 'rg-aks',
            kubernetes: {
              url: 'https://aks-prod.example:443',
              credential: { authProvider: 'serviceAccount' },
              caData: 'Y2E=',
            },
          },
        ],
      });
      expect(
        await config.clusters[0].kubernetes.credential.bearerToken({}),
      ).toBe('reader-token');
    });

    it('probes tokens on every cluster unless turned off for one', () => {
      const [on] = read([
        { name: 'aks-prod', subscriptionId, resourceGroup: 'rg-aks' },
      ]).clusters;
      expect(on.probeEnabled).toBe(true);
      const [off] = read([
        {
          name: 'aks-prod',
          subscriptionId,
          resourceGroup: 'rg-aks',
          probe: { enabled: false },
        },
      ]).clusters;
      expect(off.probeEnabled).toBe(false);
    });

    it("prefers the cluster's own kubernetes block", async () => {
      const [cluster] = read([
        {
          name: 'aks-aad',
          subscriptionId,
          resourceGroup: 'rg-aks',
          kubernetes: {
            url: 'https://aks-aad.example',
            serviceAccountToken: 'own-token',
          },
        },
      ]).clusters;
      expect(cluster.kubernetes).toMatchObject({
        url: 'https://aks-aad.example',
        credential: { authProvider: 'serviceAccount' },
      });
      expect(await cluster.kubernetes.credential.bearerToken({})).toBe(
        'own-token',
      );
    });

    it('names both ways to fix a cluster with no Kubernetes API', () => {
      expect(() =>
        read([{ name: 'aks-dev', subscriptionId, resourceGroup: 'rg-aks' }]),
      ).toThrow(
        /azureWorkloadIdentity\.clusters\[0\] \('aks-dev'\) has no Kubernetes API.*kubernetes\.clusterLocatorMethods.*azureWorkloadIdentity\.clusters\[0\]\.kubernetes/,
      );
    });

    it("signs in to an Entra ID cluster of the Kubernetes plugin as the portal's own identity", async () => {
      const [cluster] = read([
        {
          name: 'aks-aad',
          subscriptionId,
          resourceGroup: 'rg-aks',
          provisioner: { authProvider: 'azure' },
        },
      ]).clusters;
      expect(cluster.kubernetes).toMatchObject({
        url: 'https://aks-aad.example',
        credential: { authProvider: 'aks' },
      });
      expect(cluster.provisioner?.credential.authProvider).toBe('azure');
      const scopes: string[] = [];
      const azureCredential = {
        getToken: async (scope: string | string[]) => {
          scopes.push(String(scope));
          return { token: 'entra-token', expiresOnTimestamp: 0 };
        },
      };
      expect(
        await cluster.kubernetes.credential.bearerToken({ azureCredential }),
      ).toBe('entra-token');
      expect(
        await cluster.provisioner!.credential.bearerToken({ azureCredential }),
      ).toBe('entra-token');
      // The AKS AAD server application, for which every AKS cluster's tokens are issued.
      expect(scopes).toEqual([
        '6dae42f8-4368-4678-94ff-3960e28e3630/.default',
        '6dae42f8-4368-4678-94ff-3960e28e3630/.default',
      ]);
      await expect(
        cluster.kubernetes.credential.bearerToken({}),
      ).rejects.toThrow(
        /cluster 'aks-aad' authenticates with the portal's Azure identity/,
      );
    });

    it('names what to give for an auth provider it cannot use and a token left out', () => {
      const oidc = {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              { name: 'aks-prod', url: 'https://x', authProvider: 'oidc' },
            ],
          },
        ],
      };
      const entry = { name: 'aks-prod', subscriptionId, resourceGroup: 'rg' };
      expect(() => read([entry], oidc)).toThrow(
        /clusters\[0\]\.authProvider 'oidc' is not one .* serviceAccount, azure, aks .*or add a module that provides it/,
      );
      expect(() =>
        read([{ ...entry, provisioner: { authProvider: 'serviceAccount' } }]),
      ).toThrow(
        /clusters\[0\]\.provisioner\.serviceAccountToken is missing.*authProvider: azure/,
      );
    });

    it('names the key of a subscription that is not a GUID, and of a missing resource group', () => {
      expect(() =>
        read([
          { name: 'aks-prod', subscriptionId: 'prod', resourceGroup: 'rg' },
        ]),
      ).toThrow(
        /azureWorkloadIdentity\.clusters\[0\]\.subscriptionId must be a subscription GUID/,
      );
      expect(() => read([{ name: 'aks-prod', subscriptionId }])).toThrow(
        /resourceGroup/,
      );
    });

    it('refuses a plain-http API and a cluster listed twice', () => {
      const own = {
        name: 'x',
        subscriptionId,
        resourceGroup: 'rg',
        kubernetes: { url: 'http://x', serviceAccountToken: 't' },
      };
      expect(() => read([own])).toThrow(/kubernetes\.url must be an https URL/);
      const entry = { name: 'aks-prod', subscriptionId, resourceGroup: 'rg' };
      expect(() => read([entry, entry])).toThrow(/'aks-prod' is listed twice/);
    });
  });
});

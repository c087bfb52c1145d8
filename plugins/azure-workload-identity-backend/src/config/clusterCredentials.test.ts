import { ConfigReader } from '@backstage/config';
import { ClusterCredentialProvider } from '@backstage-community/plugin-azure-workload-identity-node';
import { builtinClusterCredentials } from './clusterCredentials';
import { readConfig } from './readConfig';

const subscriptionId = '00000000-0000-0000-0000-000000000001';

describe('cluster credential providers', () => {
  it("signs in with a module's provider where authProvider names it, with the block's own keys", async () => {
    const asked: Array<{ key: string; purpose: string; role?: string }> = [];
    const vault: ClusterCredentialProvider = {
      credentialFor({ config, key, purpose }) {
        const role = config.getString('vaultRole');
        asked.push({ key, purpose, role });
        return { bearerToken: async () => `${role}-token` };
      },
    };
    const config = readConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'aks-vault',
                  url: 'https://aks-vault.example',
                  authProvider: 'vault',
                  vaultRole: 'reader',
                },
              ],
            },
          ],
        },
        azureWorkloadIdentity: {
          clusters: [
            {
              name: 'aks-vault',
              subscriptionId,
              resourceGroup: 'rg-aks',
              provisioner: { authProvider: 'vault', vaultRole: 'writer' },
            },
          ],
        },
      }),
      {
        clusterCredentials: new Map([
          ...builtinClusterCredentials,
          ['vault', vault],
        ]),
      },
    );
    const [cluster] = config.clusters;
    expect(await cluster.kubernetes.credential.bearerToken({})).toBe(
      'reader-token',
    );
    expect(await cluster.provisioner!.credential.bearerToken({})).toBe(
      'writer-token',
    );
    expect(asked).toEqual([
      {
        key: 'kubernetes.clusterLocatorMethods[0].clusters[0]',
        purpose: 'read',
        role: 'reader',
      },
      {
        key: 'azureWorkloadIdentity.clusters[0].provisioner',
        purpose: 'provision',
        role: 'writer',
      },
    ]);
  });
});

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { azureWorkloadIdentityPlugin } from '../plugin';

const API = '/api/azure-workload-identity';
const SECRET = 'provisioner-token-that-must-not-leak';

describe('catalog routes', () => {
  async function start() {
    const { server } = await startTestBackend({
      features: [
        azureWorkloadIdentityPlugin,
        mockServices.rootConfig.factory({
          data: {
            azureWorkloadIdentity: {
              clusters: [
                {
                  name: 'aks-prod',
                  subscriptionId: '00000000-0000-0000-0000-000000000001',
                  resourceGroup: 'rg-aks',
                  kubernetes: {
                    url: 'https://aks-prod.example.com',
                    serviceAccountToken: 'reader-token',
                  },
                  provisioner: { serviceAccountToken: SECRET },
                },
                {
                  name: 'aks-gitops',
                  subscriptionId: '00000000-0000-0000-0000-000000000002',
                  resourceGroup: 'rg-aks',
                  kubernetes: {
                    url: 'https://aks-gitops.example.com',
                    serviceAccountToken: 'reader-token',
                  },
                },
              ],
            },
          },
        }),
      ],
    });
    return (path: string) =>
      request(server)
        .get(`${API}${path}`)
        .set('Authorization', mockCredentials.user.header());
  }

  it('offers the configured clusters and how each gets its service accounts, without secrets', async () => {
    const get = await start();
    const response = await get('/catalog/clusters');
    expect(response.status).toBe(200);
    expect(response.body.clusters).toEqual([
      {
        name: 'aks-prod',
        subscriptionId: '00000000-0000-0000-0000-000000000001',
        resourceGroup: 'rg-aks',
        serviceAccounts: 'apply',
      },
      {
        name: 'aks-gitops',
        subscriptionId: '00000000-0000-0000-0000-000000000002',
        resourceGroup: 'rg-aks',
        serviceAccounts: 'manifest',
      },
    ]);
    expect(JSON.stringify(response.body)).not.toContain('token');
  });

  it('offers the resource types with their intents and permissions, and flags privileged roles', async () => {
    const get = await start();
    const response = await get('/catalog/roles');
    expect(response.status).toBe(200);
    const storage = response.body.resourceTypes.find(
      (t: { type: string }) => t.type === 'Microsoft.Storage/storageAccounts',
    );
    expect(storage.intents).toEqual(['read', 'write', 'manage']);
    expect(storage.scopeKinds).toContain('container');
    expect(storage.permissions).toContainEqual(
      expect.objectContaining({ name: 'blob.write' }),
    );
    const owner = response.body.roles.find(
      (r: { roleName: string }) => r.roleName === 'Owner',
    );
    expect(owner.privileged).toBe(true);
    const reader = response.body.roles.find(
      (r: { roleName: string }) => r.roleName === 'Storage Blob Data Reader',
    );
    expect(reader.privileged).toBe(false);
  });
});

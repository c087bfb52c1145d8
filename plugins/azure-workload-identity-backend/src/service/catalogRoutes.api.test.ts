import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RequestChoicesReader } from '../clients/RequestChoicesReader';
import {
  azureWorkloadIdentityPlugin,
  createAzureWorkloadIdentityPlugin,
} from '../plugin';

const API = '/api/azure-workload-identity';
const SECRET = 'provisioner-token-that-must-not-leak';

const vault = {
  id: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-orders',
  name: 'kv-orders',
  type: 'Microsoft.KeyVault/vaults',
  subscriptionId: '00000000-0000-0000-0000-000000000001',
  resourceGroup: 'rg-apps',
};

/** A plain fake: aks-prod has two namespaces, the tenant one vault. */
const fakeChoices: RequestChoicesReader = {
  async listNamespaces({ cluster }) {
    return cluster === 'aks-prod' ? ['default', 'orders'] : undefined;
  },
  async listResources() {
    return [vault];
  },
};

describe('catalog routes', () => {
  async function start(
    options: {
      choices?: RequestChoicesReader;
      permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    } = {},
  ) {
    const { server } = await startTestBackend({
      features: [
        options.choices
          ? createAzureWorkloadIdentityPlugin({ choices: options.choices })
          : azureWorkloadIdentityPlugin,
        mockServices.permissions.factory({
          result: options.permission ?? AuthorizeResult.ALLOW,
        }),
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

  it('lists the namespaces that exist on a configured cluster', async () => {
    const get = await start({ choices: fakeChoices });
    const response = await get('/catalog/clusters/aks-prod/namespaces');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ namespaces: ['default', 'orders'] });
  });

  it('answers 404 naming the configured clusters for an unknown one, 400 for a bad name', async () => {
    const get = await start({ choices: fakeChoices });
    const unknown = await get('/catalog/clusters/aks-test/namespaces');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      "no cluster 'aks-test' is configured; pick one of aks-prod, aks-gitops",
    );
    const bad = await get('/catalog/clusters/aks%20prod;ls/namespaces');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/cluster: name a configured AKS/);
  });

  it('lists the Azure resources one can ask for', async () => {
    const get = await start({ choices: fakeChoices });
    const response = await get('/catalog/resources');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ resources: [vault] });
  });

  it('answers 503 saying what to configure when nothing can be read live', async () => {
    const get = await start();
    const response = await get('/catalog/resources');
    expect(response.status).toBe(503);
    expect(response.body.error.message).toMatch(
      /set azureWorkloadIdentity.azure.tenantId/,
    );
  });

  it('does not name what exists to those who may not request access', async () => {
    const get = await start({
      choices: fakeChoices,
      permission: AuthorizeResult.DENY,
    });
    for (const path of [
      '/catalog/resources',
      '/catalog/clusters/aks-prod/namespaces',
    ]) {
      const response = await get(path);
      expect(response.status).toBe(403);
      expect(JSON.stringify(response.body)).not.toContain('kv-orders');
    }
  });
});

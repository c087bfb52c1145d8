import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { baselineSnapshot } from '../inspection/__testUtils__/baselineWorld';
import { createAzureWorkloadIdentityPlugin } from '../plugin';

const API = '/api/azure-workload-identity';

const component = (name: string, annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    owner: 'group:default/team-orders',
    lifecycle: 'production',
  },
});

describe('GET /inventory', () => {
  it('lists what was read of each component and names those not read yet', async () => {
    const { server } = await startTestBackend({
      features: [
        createAzureWorkloadIdentityPlugin({
          inspector: { inspect: async () => baselineSnapshot() },
        }),
        catalogServiceMock.factory({
          entities: [
            component('orders-api', {
              'backstage.io/kubernetes-id': 'orders-api',
            }),
            component('billing', { 'backstage.io/kubernetes-id': 'billing' }),
            component('docs-site', {}),
          ],
        }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const get = (path: string) =>
      request(server)
        .get(`${API}${path}`)
        .set('Authorization', mockCredentials.user.header());

    // A viewer opened orders-api's card; billing was not read yet.
    expect((await get('/chain/component/default/orders-api')).status).toBe(200);
    const response = await get('/inventory');
    expect(response.status).toBe(200);
    expect(response.body.notScanned).toEqual(['component:default/billing']);
    expect(response.body.items).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/orders-api',
        owner: 'group:default/team-orders',
        roleName: 'Storage Blob Data Reader',
        chainState: 'ok',
      }),
      expect.objectContaining({ roleName: 'Key Vault Secrets User' }),
    ]);

    // Filtering happens on the page; a parameter here is a mistake, said as one.
    const filtered = await get('/inventory?cluster=aks-prod');
    expect(filtered.status).toBe(400);
    expect(filtered.body.error.message).toMatch(/cluster: is not a field here/);
  });
});

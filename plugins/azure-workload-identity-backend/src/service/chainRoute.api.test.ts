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

const ordersApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders-api',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'orders-api' },
  },
  spec: { type: 'service', owner: 'team-orders', lifecycle: 'production' },
};

describe('GET /chain', () => {
  async function start(options: { withInspector: boolean }) {
    const inspected: string[] = [];
    const { server } = await startTestBackend({
      features: [
        createAzureWorkloadIdentityPlugin(
          options.withInspector
            ? {
                inspector: {
                  inspect: async entity => {
                    inspected.push(
                      `${entity.entityRef} ${entity.annotations['backstage.io/kubernetes-id']}`,
                    );
                    return baselineSnapshot();
                  },
                },
              }
            : {},
        ),
        catalogServiceMock.factory({ entities: [ordersApi] }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const get = (path: string) =>
      request(server)
        .get(`${API}${path}`)
        .set('Authorization', mockCredentials.user.header());
    return { get, inspected };
  }

  it("answers the component's chain, read with its catalog annotations", async () => {
    const { get, inspected } = await start({ withInspector: true });
    const response = await get('/chain/Component/default/orders-api');
    expect(response.status).toBe(200);
    expect(inspected).toEqual(['component:default/orders-api orders-api']);
    expect(response.body).toMatchObject({
      entityRef: 'component:default/orders-api',
      fromCache: false,
      findings: [],
      links: { cluster: 'ok', federation: 'ok', token: 'ok' },
    });
    expect(response.body.bindings[0].identity.name).toBe('wi-orders');

    const again = await get('/chain/component/default/orders-api');
    expect(again.body.fromCache).toBe(true);
    expect(inspected).toHaveLength(1);
  });

  it('answers 404 for an entity the caller cannot see, 400 for bad input', async () => {
    const { get } = await start({ withInspector: true });
    const missing = await get('/chain/component/default/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      'component:default/nothing-here is not in the catalog, or you may not see it',
    );
    const badQuery = await get(
      '/chain/component/default/orders-api?refresh=yes',
    );
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(/refresh: use refresh=true/);
    const unknownQuery = await get('/chain/component/default/orders-api?foo=1');
    expect(unknownQuery.status).toBe(400);
  });

  it('answers 503 saying what to configure when nothing can be inspected', async () => {
    const { get } = await start({ withInspector: false });
    const response = await get('/chain/component/default/orders-api');
    expect(response.status).toBe(503);
    expect(response.body.error.message).toMatch(
      /live inspection is not configured/,
    );
  });
});

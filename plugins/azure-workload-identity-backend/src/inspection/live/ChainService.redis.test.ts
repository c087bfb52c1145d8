import { cacheServiceFactory } from '@backstage/backend-defaults/cache';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createAzureWorkloadIdentityPlugin } from '../../plugin';
import { baselineSnapshot } from '../__testUtils__/baselineWorld';
import { redisForTests } from './__testUtils__/redisForTests';

jest.setTimeout(60_000);

describe('chains on Redis, as several replicas run', () => {
  let redis: { url: string; stop(): Promise<void> };
  const backends: { stop(): Promise<void> }[] = [];
  beforeAll(async () => {
    redis = await redisForTests();
  });
  afterAll(async () => {
    await Promise.all(backends.map(b => b.stop()));
    await redis?.stop();
  });

  it('a chain one replica read is served by another from the shared cache', async () => {
    // A name of its own, so an earlier run's entry in a long-lived Redis cannot answer.
    const name = `orders-api-${randomUUID().slice(0, 8)}`;
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: { 'backstage.io/kubernetes-id': 'orders-api' },
      },
      spec: { type: 'service', owner: 'team-orders', lifecycle: 'production' },
    };
    const replica = async (inspected: string[]) => {
      const backend = await startTestBackend({
        features: [
          createAzureWorkloadIdentityPlugin({
            inspector: {
              inspect: async e => {
                inspected.push(e.entityRef);
                return baselineSnapshot();
              },
            },
          }),
          cacheServiceFactory,
          catalogServiceMock.factory({ entities: [entity] }),
          mockServices.rootConfig.factory({
            data: {
              backend: { cache: { store: 'redis', connection: redis.url } },
            },
          }),
        ],
      });
      backends.push(backend);
      return (path: string) =>
        request(backend.server)
          .get(`/api/azure-workload-identity${path}`)
          .set('Authorization', mockCredentials.user.header());
    };
    const readByA: string[] = [];
    const readByB: string[] = [];
    const [a, b] = await Promise.all([replica(readByA), replica(readByB)]);

    const first = await a(`/chain/component/default/${name}`);
    expect(first.status).toBe(200);
    expect(first.body.fromCache).toBe(false);

    const second = await b(`/chain/component/default/${name}`);
    expect(second.status).toBe(200);
    expect(second.body.fromCache).toBe(true);
    expect(second.body.checkedAt).toBe(first.body.checkedAt);
    expect(readByA).toEqual([`component:default/${name}`]);
    expect(readByB).toEqual([]);
  });
});

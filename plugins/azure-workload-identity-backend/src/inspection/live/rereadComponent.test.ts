import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { rereadComponent } from './rereadComponent';

const component = (name: string, annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

const catalog = catalogServiceMock({
  entities: [
    component('orders-api', { 'backstage.io/kubernetes-id': 'orders-api' }),
    component('docs-site', {}),
  ],
});

describe('rereadComponent', () => {
  async function reread(
    entityRef: string,
    refresh: (entity: { entityRef: string }) => Promise<unknown>,
  ) {
    const logger = mockServices.logger.mock();
    await rereadComponent({
      entityRef,
      catalog,
      credentials: async () => mockCredentials.service(),
      chains: { refreshAfterChange: refresh },
      logger,
    });
    return logger;
  }

  it("reads the component's chain again with its catalog annotations", async () => {
    const read: unknown[] = [];
    await reread('component:default/orders-api', async entity => {
      read.push(entity);
    });
    expect(read).toEqual([
      {
        entityRef: 'component:default/orders-api',
        annotations: { 'backstage.io/kubernetes-id': 'orders-api' },
      },
    ]);
  });

  it('reads nothing for a component that names no workload, or is gone', async () => {
    const read: unknown[] = [];
    const refresh = async (entity: unknown) => {
      read.push(entity);
    };
    await reread('component:default/docs-site', refresh);
    await reread('component:default/deleted-since', refresh);
    expect(read).toEqual([]);
  });

  it('logs a failed read instead of failing the request that changed the chain', async () => {
    const logger = await reread('component:default/orders-api', async () => {
      throw new Error('ARM did not answer');
    });
    expect(logger.warn).toHaveBeenCalledWith(
      "Could not read component:default/orders-api's chain again after its request changed: ARM did not answer",
    );
  });
});

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { scanFleet } from './scanFleet';

const component = (name: string, annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

describe('scanFleet', () => {
  it('reads every component that names its workloads, and carries on past one that fails', async () => {
    const read: string[] = [];
    const result = await scanFleet({
      catalog: catalogServiceMock({
        entities: [
          component('orders-api', {
            'backstage.io/kubernetes-id': 'orders-api',
          }),
          component('billing', {
            'backstage.io/kubernetes-label-selector': 'app=billing',
          }),
          component('broken', { 'backstage.io/kubernetes-id': 'broken' }),
          component('docs-site', {}),
        ],
      }),
      credentials: mockCredentials.service(),
      chains: {
        refresh: async entity => {
          if (entity.entityRef.endsWith('/broken')) {
            throw new Error('cluster unreachable');
          }
          read.push(entity.entityRef);
        },
      },
      logger: mockServices.logger.mock(),
      concurrency: 2,
    });
    expect(read.sort()).toEqual([
      'component:default/billing',
      'component:default/orders-api',
    ]);
    expect(result).toEqual({ scanned: 2, failed: 1 });
  });
});

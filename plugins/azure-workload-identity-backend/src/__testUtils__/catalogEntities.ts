import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

function component(name: string, owner: string, namespace = 'orders'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-id': name,
        'backstage.io/kubernetes-namespace': namespace,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

/** The API tests' catalog: two teams' components, as in the demo. */
export const TEST_ENTITIES: Entity[] = [
  component('orders-api', 'group:default/team-orders'),
  component('search-indexer', 'group:default/team-orders', 'search'),
  component('payments-worker', 'group:default/team-payments', 'payments'),
];

/** The catalog service of a test backend, holding the test entities. */
export function testCatalog(entities: Entity[] = TEST_ENTITIES) {
  return catalogServiceMock.factory({ entities });
}

import { Entity } from '@backstage/catalog-model';
import { isAzureWorkloadIdentityAvailable, workloadRefOf } from './workloadRef';

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orders-api', annotations },
    spec: {},
  };
}

describe('workloadRefOf', () => {
  it('reads the Kubernetes plugin annotations', () => {
    expect(
      workloadRefOf(
        component({
          'backstage.io/kubernetes-id': 'orders-api',
          'backstage.io/kubernetes-namespace': 'orders',
        }),
      ),
    ).toEqual({
      kubernetesId: 'orders-api',
      namespace: 'orders',
      labelSelector: undefined,
    });
  });

  it('is available with an id or a label selector, not without', () => {
    expect(isAzureWorkloadIdentityAvailable(component({}))).toBe(false);
    expect(
      isAzureWorkloadIdentityAvailable(
        component({ 'backstage.io/kubernetes-label-selector': 'app=orders' }),
      ),
    ).toBe(true);
  });
});

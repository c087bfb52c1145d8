import { STORAGE } from '../__testUtils__/requests';
import { createRequestCheckpointKey } from './accessRequestSpec';

const input = {
  entityRef: 'component:default/orders-api',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  resources: [{ resourceId: STORAGE, intent: 'read' as const }],
};

describe('createRequestCheckpointKey', () => {
  it('is the same for the same request whatever the order of its keys', () => {
    const reordered = {
      resources: [{ intent: 'read' as const, resourceId: STORAGE }],
      serviceAccountName: 'orders-api',
      namespace: 'orders',
      cluster: 'aks-prod',
      entityRef: 'component:default/orders-api',
    };
    expect(createRequestCheckpointKey(reordered)).toBe(
      createRequestCheckpointKey(input),
    );
    expect(createRequestCheckpointKey(input)).toMatch(
      /^create-request-[0-9a-f]{16}$/,
    );
  });

  it('differs for another request, so each iteration of a step gets its own', () => {
    expect(
      createRequestCheckpointKey({ ...input, namespace: 'billing' }),
    ).not.toBe(createRequestCheckpointKey(input));
  });
});

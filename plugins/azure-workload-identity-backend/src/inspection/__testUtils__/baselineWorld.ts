import { InspectionSnapshot } from '../snapshot';
import { baselineBinding, baselineRequest } from './baselineBinding';
import { baselineCluster } from './baselineCluster';
import { NOW, W } from './world';

/** The healthy baseline, as one inspection of `orders-api` reads it; every scenario changes one thing. */
export function baselineSnapshot(): InspectionSnapshot {
  return {
    entityRef: 'component:default/orders-api',
    entity: {
      status: 'ok',
      value: { annotations: { 'backstage.io/kubernetes-id': 'orders-api' } },
    },
    requests: { status: 'ok', value: [baselineRequest()] },
    issuerHistory: {
      status: 'ok',
      value: [
        {
          cluster: 'aks-prod',
          issuer: W.issuer,
          firstSeen: '2026-03-01T00:00:00Z',
          lastSeen: NOW.toISOString(),
        },
      ],
    },
    identityInventory: [
      {
        subscriptionId: W.sub,
        identities: {
          status: 'ok',
          value: [
            {
              id: W.identityId,
              name: 'wi-orders',
              properties: {
                clientId: W.clientId,
                principalId: W.principalId,
                tenantId: W.tenant,
              },
            },
          ],
        },
      },
    ],
    roleDefinitions: { status: 'ok', value: [] },
    clusters: [baselineCluster()],
    bindings: [baselineBinding()],
  };
}

import { ListRequestsQuery } from '../database/RequestStore';
import {
  AccessRequestRecord,
  JsonObject,
  RequestStatus,
} from '../requests/types';
import { GrantSources, grantsOfCluster } from './grantsOfCluster';

function record(
  id: string,
  status: RequestStatus,
  overrides: Partial<AccessRequestRecord> = {},
): AccessRequestRecord {
  return {
    id,
    status,
    entityRef: 'component:default/orders-api',
    requestedBy: 'user:default/olivia-orders',
    cluster: 'aks-prod',
    namespace: 'orders',
    serviceAccountName: `sa-${id}`,
    spec: {} as AccessRequestRecord['spec'],
    planHash: `hash-${id}`,
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    ...overrides,
  };
}

/** Requests and their recorded step outputs in memory, listed two to a page. */
function sources(
  requests: AccessRequestRecord[],
  outputs: Record<string, Record<string, JsonObject>>,
): GrantSources & { listed: ListRequestsQuery[] } {
  const listed: ListRequestsQuery[] = [];
  return {
    listed,
    requests: {
      async listRequests(query) {
        listed.push(query);
        const matching = requests.filter(r => r.status === query.status);
        const start = Number(query.cursor ?? 0);
        const next = start + 2;
        return {
          items: matching.slice(start, next),
          totalCount: matching.length,
          nextCursor: next < matching.length ? String(next) : undefined,
        };
      },
    },
    applied: {
      async appliedSteps({ id, planHash }) {
        const own = outputs[id];
        return new Map(
          own && planHash === `hash-${id}` ? Object.entries(own) : [],
        );
      },
    },
  };
}

const identity = (clientId: string) => ({
  identity: { resourceId: '/id', clientId, principalId: 'p' },
});

describe('grantsOfCluster', () => {
  it('grants the active requests on the cluster, every page of them', async () => {
    const active = ['a1', 'a2', 'a3'].map(id => record(id, 'active'));
    const grants = await grantsOfCluster(
      sources(active, {
        a1: identity('cid-1'),
        a2: identity('cid-2'),
        a3: identity('cid-3'),
      }),
      'aks-prod',
    );
    expect(grants).toEqual([
      {
        namespace: 'orders',
        serviceAccount: 'sa-a1',
        clientId: 'cid-1',
        requestId: 'a1',
      },
      expect.objectContaining({ requestId: 'a2', clientId: 'cid-2' }),
      expect.objectContaining({ requestId: 'a3', clientId: 'cid-3' }),
    ]);
  });

  it('grants a request being applied once its identity step recorded the client id', async () => {
    const grants = await grantsOfCluster(
      sources([record('known', 'applying'), record('not-yet', 'applying')], {
        known: identity('cid-known'),
        'not-yet': {},
      }),
      'aks-prod',
    );
    expect(grants.map(g => [g.requestId, g.clientId])).toEqual([
      ['known', 'cid-known'],
    ]);
  });

  it('leaves out other clusters, and requests approved, being revoked, revoked or failed', async () => {
    const requests = [
      record('other-cluster', 'active', { cluster: 'aks-dev' }),
      record('approved', 'approved'),
      record('revoking', 'revoking'),
      record('revoked', 'revoked'),
      record('failed', 'failed'),
      record('kept', 'active'),
    ];
    const outputs = Object.fromEntries(
      requests.map(r => [r.id, identity(`cid-${r.id}`)]),
    );
    const source = sources(requests, outputs);
    const grants = await grantsOfCluster(source, 'aks-prod');
    expect(grants.map(g => g.requestId)).toEqual(['kept']);
    // Applying first: one that becomes active between the two reads is still seen.
    expect(source.listed.map(q => q.status)).toEqual(['applying', 'active']);
  });

  it('reads the client id under the plan the request carries now', async () => {
    const grants = await grantsOfCluster(
      sources([record('r', 'active', { planHash: 'replaced' })], {
        r: identity('cid-old-plan'),
      }),
      'aks-prod',
    );
    expect(grants).toEqual([]);
  });
});

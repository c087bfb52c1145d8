import { AzureWorkloadIdentityApiError } from './AzureWorkloadIdentityApi';
import { AzureWorkloadIdentityClient } from './AzureWorkloadIdentityClient';

const STORAGE =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata';

const spec = {
  entityRef: 'component:default/payments-worker',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  resources: [{ resourceId: STORAGE, intent: 'read' as const }],
};

/** A client whose backend answers every call with `status` and `body`, and records the calls. */
function clientAnswering(status: number, body: unknown) {
  const calls: { url: string; method: string; body?: unknown }[] = [];
  const client = new AzureWorkloadIdentityClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/awi' },
    fetchApi: {
      fetch: async (url: any, init?: RequestInit) => {
        calls.push({
          url: String(url),
          method: init?.method ?? 'GET',
          ...(init?.body ? { body: JSON.parse(String(init.body)) } : {}),
        });
        return {
          ok: status < 400,
          status,
          json: async () => body,
        } as Response;
      },
    },
  });
  return { client, calls };
}

describe('AzureWorkloadIdentityClient', () => {
  it('asks for a chain by kind, namespace and name, and for a refresh when told', async () => {
    const { client, calls } = clientAnswering(200, { entityRef: 'x' });
    await client.getChain({ entityRef: 'component:default/orders-api' });
    await client.getChain({
      entityRef: 'component:default/orders-api',
      refresh: true,
    });
    expect(calls.map(c => c.url)).toEqual([
      'http://backend/api/awi/chain/component/default/orders-api',
      'http://backend/api/awi/chain/component/default/orders-api?refresh=true',
    ]);
  });

  it('lists requests with only the filters given, and hands on the next page', async () => {
    const { client, calls } = clientAnswering(200, {
      items: [{ id: 'r1' }],
      nextCursor: 'c2',
    });
    const page = await client.listRequests({
      status: 'active',
      limit: 100,
      requestedBy: 'user:default/olivia-orders',
      entityRef: undefined,
    });
    expect(calls[0].url).toBe(
      'http://backend/api/awi/requests?status=active&limit=100&requestedBy=user%3Adefault%2Folivia-orders',
    );
    expect(page).toEqual({ items: [{ id: 'r1' }], nextCursor: 'c2' });
  });

  it('sends each decision as the backend takes it', async () => {
    const { client, calls } = clientAnswering(200, {});
    await client.approveRequest({ id: 'r1', planHash: 'sha256:a' });
    await client.approveRequest({
      id: 'r1',
      planHash: 'sha256:a',
      comment: 'fine',
    });
    await client.rejectRequest({ id: 'r1', reason: 'use staging' });
    await client.revokeRequest({ id: 'r1', deleteIdentity: true });
    await client.cancelRequest('r1');
    await client.retryRequest('r1');
    expect(calls).toEqual([
      {
        url: 'http://backend/api/awi/requests/r1/approve',
        method: 'POST',
        body: { planHash: 'sha256:a' },
      },
      {
        url: 'http://backend/api/awi/requests/r1/approve',
        method: 'POST',
        body: { planHash: 'sha256:a', comment: 'fine' },
      },
      {
        url: 'http://backend/api/awi/requests/r1/reject',
        method: 'POST',
        body: { reason: 'use staging' },
      },
      {
        url: 'http://backend/api/awi/requests/r1/revoke',
        method: 'POST',
        body: { deleteIdentity: true },
      },
      {
        url: 'http://backend/api/awi/requests/r1/cancel',
        method: 'POST',
        body: {},
      },
      {
        url: 'http://backend/api/awi/requests/r1/retry',
        method: 'POST',
        body: {},
      },
    ]);
  });

  it("fails with the backend's own words, its status and a drifted plan's changes", async () => {
    const changes = [{ stepId: 'identity', summary: 'now adopted' }];
    const { client } = clientAnswering(409, {
      error: { message: 'the plan changed', changes },
    });
    const failure = await client
      .approveRequest({ id: 'r1', planHash: 'sha256:a' })
      .catch(e => e);
    expect(failure).toBeInstanceOf(AzureWorkloadIdentityApiError);
    expect(failure).toMatchObject({
      message: 'the plan changed',
      status: 409,
      changes,
    });
  });

  it('names the status when the backend says nothing', async () => {
    const { client } = clientAnswering(403, {});
    await expect(client.getSelfCheck()).rejects.toThrow(
      'the Azure Workload Identity backend answered HTTP 403',
    );
  });

  it('answers a refused plan field by field, as the backend words it', async () => {
    const problems = [
      {
        field: 'serviceAccountName',
        message:
          'orders/orders-api is bound to an identity of component:default/orders-api; pick a service account of your own',
      },
    ];
    const { client } = clientAnswering(400, {
      error: { message: 'no plan can be made', problems },
    });
    expect(await client.planRequest(spec)).toEqual({
      ok: false,
      message: 'no plan can be made',
      problems,
    });
  });

  it.each([
    [403, 'only its owners may request Azure access for it'],
    [404, 'component:default/payments-worker is not in the catalog'],
  ])(
    "fails a plan refused with %i with the backend's own message",
    async (status, message) => {
      const { client } = clientAnswering(status, { error: { message } });
      await expect(client.planRequest(spec)).rejects.toThrow(message);
    },
  );

  it('reads the form’s choices from the catalog routes', async () => {
    const { client, calls } = clientAnswering(200, {
      clusters: [],
      namespaces: ['orders'],
      resources: [],
      resourceTypes: [],
    });
    expect(await client.listNamespaces('aks prod')).toEqual(['orders']);
    await client.listClusters();
    await client.listResources();
    await client.listResourceTypes();
    expect(calls.map(c => c.url)).toEqual([
      'http://backend/api/awi/catalog/clusters/aks%20prod/namespaces',
      'http://backend/api/awi/catalog/clusters',
      'http://backend/api/awi/catalog/resources',
      'http://backend/api/awi/catalog/roles',
    ]);
  });
});

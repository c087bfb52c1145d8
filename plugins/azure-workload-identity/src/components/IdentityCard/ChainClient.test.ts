import { ChainClient } from './ChainClient';

function clientAnswering(status: number, body: unknown) {
  const urls: string[] = [];
  const client = new ChainClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/awi' },
    fetchApi: {
      fetch: async (url: any) => {
        urls.push(String(url));
        return {
          ok: status < 400,
          status,
          json: async () => body,
        } as Response;
      },
    },
  });
  return { client, urls };
}

describe('ChainClient', () => {
  it('asks for the entity by kind, namespace and name, and for a refresh when told', async () => {
    const { client, urls } = clientAnswering(200, { entityRef: 'x' });
    await client.chainOf('component:default/orders-api');
    await client.chainOf('component:default/orders-api', { refresh: true });
    expect(urls).toEqual([
      'http://backend/api/awi/chain/component/default/orders-api',
      'http://backend/api/awi/chain/component/default/orders-api?refresh=true',
    ]);
  });

  it("fails with the backend's own words", async () => {
    const { client } = clientAnswering(503, {
      error: { message: 'live inspection is not configured' },
    });
    await expect(
      client.chainOf('component:default/orders-api'),
    ).rejects.toThrow('live inspection is not configured');
  });
});

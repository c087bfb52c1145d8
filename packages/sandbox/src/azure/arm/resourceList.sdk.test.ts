import { ResourceManagementClient } from '@azure/arm-resources';
import { baselineAzureSeed, BASELINE } from '../seed/baseline';
import {
  request,
  startTestSandbox,
  TestSandbox,
} from '../__testUtils__/startTestSandbox';

const SUB = BASELINE.subscriptionId;

describe('the resource list (Resources_List)', () => {
  let t: TestSandbox;
  let resources: ResourceManagementClient;
  let token: string;

  const list = async (query: string, rg?: string) => {
    const scope = rg
      ? `/subscriptions/${SUB}/resourceGroups/${rg}`
      : `/subscriptions/${SUB}`;
    return request(
      t.url,
      t.caPem,
      'GET',
      `${scope}/resources?${query}`,
      undefined,
      token,
    );
  };
  const names = (res: { body: any }) =>
    res.body.value.map((r: { name: string }) => r.name).sort();

  beforeAll(async () => {
    t = await startTestSandbox({ seed: baselineAzureSeed() });
    resources = new ResourceManagementClient(t.credential, SUB, {
      endpoint: t.url,
      ...t.clientOptions,
    });
    token = (await t.credential.getToken(`${t.url}/.default`))!.token;
  });
  afterAll(() => t.stop());

  it('lists identities, managed clusters and generic resources, not their children', async () => {
    const all: { name?: string; type?: string }[] = [];
    for await (const r of resources.resources.list()) all.push(r);
    expect(all.map(r => `${r.type}/${r.name}`).sort()).toEqual([
      'Microsoft.ContainerService/managedClusters/aks-prod',
      'Microsoft.KeyVault/vaults/kv-orders',
      'Microsoft.ManagedIdentity/userAssignedIdentities/wi-orders',
      'Microsoft.Storage/storageAccounts/ordersdata',
    ]);
  });

  it('leaves properties out of list entries, and adds only what $expand names', async () => {
    const plain = await list('api-version=2021-04-01', 'rg-apps');
    expect(plain.status).toBe(200);
    expect(plain.body.value.filter((r: object) => 'properties' in r)).toEqual(
      [],
    );
    const identity = plain.body.value.find(
      (r: { name: string }) => r.name === 'wi-orders',
    );
    expect(identity).toEqual({
      id: `/subscriptions/${SUB}/resourceGroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-orders`,
      name: 'wi-orders',
      type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
      location: 'eastus',
      tags: { 'backstage.io/owner': 'team-a' },
    });
    const expanded = await list(
      "api-version=2021-04-01&$expand=createdTime,changedTime,provisioningState&$filter=name eq 'wi-orders'",
    );
    expect(expanded.body.value).toHaveLength(1);
    expect(expanded.body.value[0]).toMatchObject({
      provisioningState: 'Succeeded',
      createdTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*\.\d{7}Z$/),
    });
    expect(expanded.body.value[0].properties).toBeUndefined();
  });

  it('filters by resourceGroup and resourceType, case-insensitively, joined by and', async () => {
    expect(
      names(
        await list("api-version=2021-04-01&$filter=resourceGroup eq 'RG-Apps'"),
      ),
    ).toEqual(['kv-orders', 'ordersdata', 'wi-orders']);
    expect(
      names(
        await list(
          "api-version=2021-04-01&$filter=resourceType eq 'microsoft.containerservice/managedclusters'",
        ),
      ),
    ).toEqual(['aks-prod']);
    expect(
      names(
        await list(
          "api-version=2021-04-01&$filter=resourceGroup eq 'rg-apps' and resourceType eq 'Microsoft.Storage/storageAccounts'",
        ),
      ),
    ).toEqual(['ordersdata']);
    expect(
      names(
        await list(
          "api-version=2021-04-01&$filter=resourceGroup eq 'rg-aks' and resourceType eq 'Microsoft.Storage/storageAccounts'",
        ),
      ),
    ).toEqual([]);
    expect(
      names(
        await list(
          "api-version=2021-04-01&$filter=substringof('orders', name) and resourceType ne 'Microsoft.KeyVault/vaults'",
        ),
      ),
    ).toEqual(['ordersdata', 'wi-orders']);
    // The SDK sends the filter through its own encoding.
    const byType: string[] = [];
    for await (const r of resources.resources.listByResourceGroup('rg-apps', {
      filter: "resourceType eq 'Microsoft.KeyVault/vaults'",
    }))
      byType.push(r.name!);
    expect(byType).toEqual(['kv-orders']);
  });

  it('filters by tag, leaving the tags out as ARM does', async () => {
    const res = await list(
      "api-version=2021-04-01&$filter=tagName eq 'backstage.io/owner' and tagValue eq 'TEAM-A'",
    );
    expect(names(res)).toEqual(['wi-orders']);
    expect(res.body.value[0].tags).toBeUndefined();
  });

  it('answers 2015-11-01, the version az 2.45 also sends, with the same list', async () => {
    const res = await list(
      "api-version=2015-11-01&$filter=resourceGroup eq 'rg-apps'",
    );
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(['kv-orders', 'ordersdata', 'wi-orders']);
  });

  it('refuses filters it cannot apply with ARM’s 400 and says what to use', async () => {
    for (const filter of [
      "resourceGroup eq 'a' or resourceGroup eq 'b'",
      "plan eq 'x'",
      "tagName eq 'a' and resourceType eq 'b'",
      "name eq 'unterminated",
    ]) {
      const res = await list(
        `api-version=2021-04-01&$filter=${encodeURIComponent(filter)}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('InvalidFilterInQueryString');
      expect(res.body.error.message).toContain(`Invalid $filter '${filter}'`);
    }
  });

  it('answers ResourceGroupNotFound for a group that does not exist', async () => {
    const res = await list('api-version=2021-04-01', 'rg-none');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ResourceGroupNotFound');
  });

  it('lists a provider type across every group of the subscription', async () => {
    await resources.resourceGroups.createOrUpdate('rg-vaults', {
      location: 'westeurope',
    });
    await resources.resources.createOrUpdateById(
      `/subscriptions/${SUB}/resourceGroups/rg-vaults/providers/Microsoft.KeyVault/vaults/kv-second`,
      '2022-07-01',
      { location: 'westeurope', properties: { tenantId: BASELINE.tenantId } },
    );
    const sub = await request(
      t.url,
      t.caPem,
      'GET',
      `/subscriptions/${SUB}/providers/Microsoft.KeyVault/vaults?api-version=2022-07-01`,
      undefined,
      token,
    );
    expect(names(sub)).toEqual(['kv-orders', 'kv-second']);
    const inGroup = await request(
      t.url,
      t.caPem,
      'GET',
      `/subscriptions/${SUB}/resourceGroups/rg-vaults/providers/Microsoft.KeyVault/vaults?api-version=2022-07-01`,
      undefined,
      token,
    );
    expect(names(inGroup)).toEqual(['kv-second']);
    const missing = await request(
      t.url,
      t.caPem,
      'GET',
      `/subscriptions/${SUB}/resourceGroups/rg-none/providers/Microsoft.KeyVault/vaults?api-version=2022-07-01`,
      undefined,
      token,
    );
    expect(missing.body.error.code).toBe('ResourceGroupNotFound');
  });
});

import { ContainerServiceClient } from '@azure/arm-containerservice';
import { ResourceManagementClient } from '@azure/arm-resources';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { baselineAzureSeed, BASELINE } from '../seed/baseline';
import {
  request,
  startTestSandbox,
  TestSandbox,
} from '../__testUtils__/startTestSandbox';

const SUB = BASELINE.subscriptionId;

describe('resource groups, generic resources and managed clusters', () => {
  let t: TestSandbox;
  let resources: ResourceManagementClient;

  beforeAll(async () => {
    t = await startTestSandbox({ seed: baselineAzureSeed() });
    resources = new ResourceManagementClient(t.credential, SUB, {
      endpoint: t.url,
      ...t.clientOptions,
    });
  });
  afterAll(() => t.stop());

  it('manages resource groups with @azure/arm-resources', async () => {
    const rg = await resources.resourceGroups.createOrUpdate('rg-new', {
      location: 'westeurope',
      tags: { a: 'b' },
    });
    expect(rg).toMatchObject({
      name: 'rg-new',
      location: 'westeurope',
      tags: { a: 'b' },
    });
    expect((await resources.resourceGroups.checkExistence('rg-new')).body).toBe(
      true,
    );
    const names: string[] = [];
    for await (const g of resources.resourceGroups.list()) names.push(g.name!);
    expect(names.sort()).toEqual(['rg-aks', 'rg-apps', 'rg-new']);
    await resources.resourceGroups.delete('rg-new');
    await expect(resources.resourceGroups.get('rg-new')).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceGroupNotFound',
    });
  });

  it('stores target resources with their network rules and lists them', async () => {
    const id = `/subscriptions/${SUB}/resourceGroups/rg-apps/providers/Microsoft.ServiceBus/namespaces/sb-orders`;
    const created = await resources.resources.createOrUpdateById(
      id,
      '2022-10-01-preview',
      { location: 'eastus', properties: { disableLocalAuth: true } },
    );
    expect(created).toMatchObject({
      id,
      name: 'sb-orders',
      type: 'Microsoft.ServiceBus/namespaces',
    });
    await resources.resources.createOrUpdateById(
      `${id}/queues/orders`,
      '2022-10-01-preview',
      { properties: {} },
    );
    await resources.resources.createOrUpdateById(
      `${id}/networkRuleSets/default`,
      '2022-10-01-preview',
      { properties: { defaultAction: 'Deny', ipRules: [] } },
    );
    expect(
      (
        await resources.resources.getById(
          `${id}/networkRuleSets/default`,
          '2022-10-01-preview',
        )
      ).properties,
    ).toMatchObject({ defaultAction: 'Deny' });
    const inRg: string[] = [];
    for await (const r of resources.resources.listByResourceGroup('rg-apps'))
      inRg.push(r.name!);
    // Children (the queue, the rule set) are not listed; the group's identity is.
    expect(inRg.sort()).toEqual([
      'kv-orders',
      'ordersdata',
      'sb-orders',
      'wi-orders',
    ]);
    await expect(
      resources.resources.getById(`${id}/queues/missing`, '2022-10-01-preview'),
    ).rejects.toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
    await expect(
      resources.resources.createOrUpdateById(
        `${id}/topics/t/subscriptions/s`,
        '2022-10-01-preview',
        { properties: {} },
      ),
    ).rejects.toMatchObject({
      statusCode: 404,
      code: 'ParentResourceNotFound',
    });
  });

  it('reads managed clusters with the OIDC issuer profile and workload identity flag', async () => {
    const aks = new ContainerServiceClient(t.credential, SUB, {
      endpoint: t.url,
      ...t.clientOptions,
    });
    const cluster = await aks.managedClusters.get('rg-aks', 'aks-prod');
    expect(cluster.oidcIssuerProfile).toEqual({
      enabled: true,
      issuerURL: BASELINE.aksIssuerUrl,
    });
    expect(cluster.securityProfile?.workloadIdentity?.enabled).toBe(true);
    t.sandbox.azure.twin.state.putManagedCluster({
      subscriptionId: SUB,
      resourceGroup: 'rg-aks',
      name: 'aks-legacy',
      oidcIssuerEnabled: false,
      workloadIdentityEnabled: false,
    });
    const legacy = await aks.managedClusters.get('rg-aks', 'aks-legacy');
    expect(legacy.oidcIssuerProfile?.enabled).toBe(false);
    expect(legacy.oidcIssuerProfile?.issuerURL).toBeUndefined();
    const names: string[] = [];
    for await (const c of aks.managedClusters.list()) names.push(c.name!);
    expect(names.sort()).toEqual(['aks-legacy', 'aks-prod']);
    const inRg: string[] = [];
    for await (const c of aks.managedClusters.listByResourceGroup('rg-aks'))
      inRg.push(c.name!);
    expect(inRg).toHaveLength(2);
    await expect(
      aks.managedClusters.get('rg-aks', 'aks-none'),
    ).rejects.toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
  });

  it('refuses calls without a valid token with ARM 401 bodies', async () => {
    const path = `/subscriptions/${SUB}/resourceGroups?api-version=2025-04-01`;
    const missing = await request(t.url, t.caPem, 'GET', path);
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('AuthenticationFailed');
    const bad = await request(
      t.url,
      t.caPem,
      'GET',
      path,
      undefined,
      'not-a-token',
    );
    expect(bad.body.error.code).toBe('InvalidAuthenticationToken');
    const storageToken = (await t.credential.getToken(
      'https://storage.azure.com/.default',
    ))!.token;
    expect(
      (await request(t.url, t.caPem, 'GET', path, undefined, storageToken)).body
        .error.code,
    ).toBe('InvalidAuthenticationTokenAudience');
    const other = await request(
      t.url,
      t.caPem,
      'GET',
      '/subscriptions/99999999-0000-0000-0000-000000000000/resourceGroups?api-version=1',
      undefined,
      (await t.credential.getToken(`${t.url}/.default`))!.token,
    );
    expect(other.body.error.code).toBe('SubscriptionNotFound');
  });
});

describe('throttling and injected faults', () => {
  let t: TestSandbox;
  let msi: ManagedServiceIdentityClient;
  beforeAll(async () => {
    t = await startTestSandbox({
      seed: baselineAzureSeed(),
      realism: {
        throttle: {
          reads: { capacity: 3, refillPerSecond: 2 },
          writes: { capacity: 100, refillPerSecond: 10 },
        },
      },
    });
    msi = new ManagedServiceIdentityClient(t.credential, SUB, {
      endpoint: t.url,
      ...t.clientOptions,
    });
  });
  afterAll(() => t.stop());

  it('throttles with 429, Retry-After and remaining-reads headers, and the SDK retry policy survives it', async () => {
    const token = (await t.credential.getToken(`${t.url}/.default`))!.token;
    const path = `/subscriptions/${SUB}/resourceGroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-orders?api-version=2024-11-30`;
    const remaining: string[] = [];
    let throttled;
    for (let i = 0; i < 5 && !throttled; i++) {
      const res = await request(t.url, t.caPem, 'GET', path, undefined, token);
      if (res.status === 429) throttled = res;
      else
        remaining.push(
          res.headers['x-ms-ratelimit-remaining-subscription-reads'],
        );
    }
    expect(remaining.map(Number)).toEqual([2, 1, 0]);
    expect(throttled!.headers['retry-after']).toBe('1');
    expect(throttled!.body.error.code).toBe('SubscriptionRequestsThrottled');
    // The bucket is empty: the SDK gets a 429, waits Retry-After and succeeds.
    const started = Date.now();
    expect(
      (await msi.userAssignedIdentities.get('rg-apps', 'wi-orders')).name,
    ).toBe('wi-orders');
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it('injects 503s the SDK retries through, and timeouts that drop the connection', async () => {
    const { faults } = t.sandbox.azure.twin.context;
    t.sandbox.azure.twin.context.throttle.configure(undefined);
    faults.add({
      match: {
        surface: 'arm',
        method: 'GET',
        pathContains: '/userAssignedIdentities/wi-orders',
      },
      status: 503,
      retryAfterSeconds: 0,
      times: 2,
    });
    expect(
      (await msi.userAssignedIdentities.get('rg-apps', 'wi-orders')).name,
    ).toBe('wi-orders');
    expect(faults.list()).toHaveLength(0);

    faults.add({
      match: {
        surface: 'arm',
        pathContains: '/userAssignedIdentities/wi-orders',
      },
      timeoutMs: 20,
      times: 1,
    });
    await expect(
      request(
        t.url,
        t.caPem,
        'GET',
        `/subscriptions/${SUB}/resourceGroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-orders`,
      ),
    ).rejects.toThrow();

    faults.add({
      match: { surface: 'arm', pathContains: 'wi-orders' },
      status: 500,
      code: 'InternalServerError',
      message: 'boom',
      times: 10,
    });
    const noRetry = new ManagedServiceIdentityClient(t.credential, SUB, {
      endpoint: t.url,
      ...t.clientOptions,
      retryOptions: { maxRetries: 0 },
    });
    await expect(
      noRetry.userAssignedIdentities.get('rg-apps', 'wi-orders'),
    ).rejects.toMatchObject({
      statusCode: 500,
      code: 'InternalServerError',
      message: 'boom',
    });
    faults.clear();
  });
});

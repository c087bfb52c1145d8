import { randomBytes } from 'node:crypto';
import { waitFor } from './__testUtils__/processes';
import {
  describeWithServices,
  requireServices,
} from './__testUtils__/services';
import { productionEnv } from './__testUtils__/productionEnv';
import {
  BackendProcess,
  startBackendProcess,
} from './__testUtils__/startBackendProcess';
import {
  SandboxProcess,
  startSandboxProcess,
} from './__testUtils__/startSandboxProcess';

jest.setTimeout(600_000);

const PROD_SUBSCRIPTION = '00000000-0000-0000-0000-000000000001';
const DEV_SUBSCRIPTION = '00000000-0000-0000-0000-000000000002';
const IDENTITY_GROUP = 'rg-workload-identities';
const WI_PAYMENTS = `/subscriptions/${PROD_SUBSCRIPTION}/resourceGroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-payments`;

// The demo's people: a developer of Team Orders and her teammate, a developer of Team
// Payments, and the platform team.
const OLIVIA = 'olivia-orders';
const OMAR = 'omar-orders';
const PRIYA = 'priya-payments';
const PAT = 'pat-platform';

/**
 * The trust model, tried as an attacker would against the portal as it is deployed: the
 * repository's backend with its real catalog (the demo's), its real permission policy and the
 * demo's people signing in, on the sandbox. Each way of taking another team's access is
 * refused or sent to approval with the reason; the owner's own request still just works.
 */
describeWithServices('the trust model, against the sandbox', () => {
  let sandbox: SandboxProcess;
  let portal: BackendProcess;
  let resources: Array<{ id: string; name: string }>;

  beforeAll(async () => {
    const { postgres, redis } = requireServices();
    sandbox = await startSandboxProcess();
    await sandbox.admin('POST', '/azure/seed', {
      resourceGroups: [
        {
          name: IDENTITY_GROUP,
          subscriptionId: DEV_SUBSCRIPTION,
          location: 'westeurope',
        },
      ],
    });
    portal = await startBackendProcess({
      env: productionEnv({
        sandbox,
        postgres,
        redis,
        runId: randomBytes(4).toString('hex'),
        identitiesSubscriptionId: DEV_SUBSCRIPTION,
        fleetScanIntervalMinutes: 60,
      }),
      entityRef: 'component:default/orders-api',
    });
    resources = (await portal.api(PAT, 'GET', '/catalog/resources')).body
      .resources;
  });

  afterAll(async () => {
    await portal?.stop();
    await sandbox?.stop();
  });

  const resource = (name: string) => {
    const found = resources.find(r => r.name === name);
    if (!found) throw new Error(`no demo resource ${name}`);
    return found.id;
  };
  const ordersApi = (overrides: object = {}) => ({
    entityRef: 'component:default/orders-api',
    cluster: 'aks-prod',
    namespace: 'orders',
    serviceAccountName: 'orders-reader',
    resources: [
      {
        resourceId: `${resource(
          'ordersdata',
        )}/blobServices/default/containers/orders`,
        intent: 'read',
      },
    ],
    ...overrides,
  });
  const searchIndexer = (overrides: object = {}) => ({
    entityRef: 'component:default/search-indexer',
    cluster: 'aks-dev',
    namespace: 'search',
    serviceAccountName: 'search-indexer',
    resources: [{ resourceId: resource('searchdata'), intent: 'read' }],
    ...overrides,
  });
  const fields = (body: any) =>
    (body?.error?.problems ?? body?.problems ?? []).map(
      (p: { field: string }) => p.field,
    );

  async function settled(id: string) {
    let request: any;
    await waitFor(
      `request ${id} did not settle`,
      async () => {
        request = (await portal.api(OLIVIA, 'GET', `/requests/${id}`)).body
          ?.request;
        return ['active', 'failed', 'pending-approval'].includes(
          request?.status,
        );
      },
      { timeoutMs: 180_000 },
    );
    return request;
  }

  it("refuses another team's identity, naming whose it is and what it holds", async () => {
    // Olivia names Team Payments' identity for orders-api's default service account.
    const takeover = await portal.api(
      OLIVIA,
      'POST',
      '/requests',
      ordersApi({
        serviceAccountName: 'default',
        identity: { resourceId: WI_PAYMENTS },
      }),
    );
    expect(takeover.status).toBe(400);
    expect(fields(takeover.body)).toEqual(['identity']);
    const message = JSON.stringify(takeover.body);
    expect(message).toContain(
      'Managed identity wi-payments belongs to component:default/payments-worker',
    );
    expect(message).toContain('system:serviceaccount:payments:payments-worker');
    const stored = await portal.api(
      OLIVIA,
      'GET',
      `/requests?entityRef=${encodeURIComponent(
        'component:default/orders-api',
      )}`,
    );
    expect(stored.body.items).toEqual([]);
  });

  it('takes the environment from the cluster: "development" on aks-prod is refused', async () => {
    const lie = await portal.api(
      OLIVIA,
      'POST',
      '/requests',
      ordersApi({ environment: 'development' }),
    );
    expect(lie.status).toBe(400);
    expect(fields(lie.body)).toEqual(['environment']);
    expect(JSON.stringify(lie.body)).toContain(
      "orders on aks-prod is production in the portal's configuration",
    );
  });

  it("refuses a plan for another team's component, saying who owns it, and for one the catalog lacks", async () => {
    const other = await portal.api(OLIVIA, 'POST', '/plan', {
      ...ordersApi(),
      entityRef: 'component:default/payments-worker',
      namespace: 'payments',
    });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain(
      'component:default/payments-worker is owned by group:default/team-payments',
    );
    const ghost = await portal.api(OLIVIA, 'POST', '/requests', {
      ...ordersApi(),
      entityRef: 'component:default/ghost-not-in-catalog',
    });
    expect(ghost.status).toBe(404);
    expect(ghost.body.error.message).toContain(
      'component:default/ghost-not-in-catalog is not in the catalog',
    );
  });

  it("sends access to another team's vault to approval, naming the team", async () => {
    const created = await portal.api(
      OLIVIA,
      'POST',
      '/requests',
      ordersApi({
        resources: [{ resourceId: resource('kv-payments'), intent: 'read' }],
      }),
    );
    expect(created.status).toBe(201);
    const { request } = created.body;
    expect(request.status).toBe('pending-approval');
    expect(request.plan.approvalReasons).toEqual(
      expect.arrayContaining([
        {
          code: 'other-team-resource',
          message: expect.stringContaining(
            'kv-payments belongs to group:default/team-payments',
          ),
        },
        expect.objectContaining({ code: 'production' }),
      ]),
    );
    expect(request.plan.environment).toBe('production');
  });

  it("never re-points a service account another component's pods use", async () => {
    const takeover = await portal.api(OLIVIA, 'POST', '/plan', {
      ...searchIndexer(),
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName: 'orders-api',
      resources: [
        {
          resourceId: `${resource(
            'ordersdata',
          )}/blobServices/default/containers/orders`,
          intent: 'read',
        },
      ],
    });
    expect(takeover.status).toBe(400);
    const message = JSON.stringify(takeover.body);
    expect(message).toContain('belongs to component:default/orders-api');
    expect(message).toContain('Pods of orders-api');
  });

  it("refuses another team's namespace", async () => {
    const response = await portal.api(
      OLIVIA,
      'POST',
      '/plan',
      searchIndexer({ namespace: 'media' }),
    );
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual(['namespace']);
    expect(JSON.stringify(response.body)).toContain(
      'Namespace media on aks-dev belongs to group:default/team-payments',
    );
  });

  it('sends a data owner role to approval even in development', async () => {
    const response = await portal.api(
      OLIVIA,
      'POST',
      '/plan',
      searchIndexer({
        serviceAccountName: 'search-admin',
        resources: [{ resourceId: resource('searchdata'), intent: 'manage' }],
      }),
    );
    expect(response.status).toBe(200);
    expect(response.body.plan.environment).toBe('development');
    expect(response.body.plan.approvalReasons).toEqual([
      {
        code: 'data-owner-role',
        message: expect.stringContaining('Storage Blob Data Owner'),
      },
    ]);
  });

  it('refuses an expiry in the past, naming the field', async () => {
    const response = await portal.api(
      OLIVIA,
      'POST',
      '/requests',
      searchIndexer({ expiresAt: '2020-01-01T00:00:00Z' }),
    );
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual(['expiresAt']);
  });

  it("gives the owner's own read access in development at once, once however often asked", async () => {
    const spec = searchIndexer();
    const created = await Promise.all(
      [OLIVIA, OLIVIA, OMAR].map(who =>
        portal.api(who, 'POST', '/requests', spec),
      ),
    );
    // One of them made it (201); the others are answered with it (200).
    expect(created.map(c => c.status).sort()).toEqual([200, 200, 201]);
    const ids = new Set(created.map(c => c.body.request.id));
    expect(ids.size).toBe(1);
    const done = await settled([...ids][0]);
    expect(done.status).toBe('active');
    expect(done.plan.approvalReasons).toEqual([]);

    // Another team's developer may not revoke it; Olivia's teammate, an owner, may.
    const id = done.id;
    const priya = await portal.api(PRIYA, 'POST', `/requests/${id}/revoke`, {
      reason: 'not mine to keep',
    });
    expect(priya.status).toBe(403);
    expect(priya.body.error.message).toContain(
      'the owners of component:default/search-indexer',
    );
    const omar = await portal.api(OMAR, 'POST', `/requests/${id}/revoke`, {
      reason: 'the indexer moved',
    });
    expect(omar.status).toBe(200);
    expect(omar.body.request.status).toBe('revoked');
  });

  it('reads and caches chains under one spelling, and only for components', async () => {
    const shouted = await portal.api(
      OLIVIA,
      'GET',
      '/chain/component/DEFAULT/Search-Indexer',
    );
    expect(shouted.status).toBe(200);
    expect(shouted.body.entityRef).toBe('component:default/search-indexer');
    const user = await portal.api(
      OLIVIA,
      'GET',
      '/chain/user/default/olivia-orders',
    );
    expect(user.status).toBe(404);
  });
});

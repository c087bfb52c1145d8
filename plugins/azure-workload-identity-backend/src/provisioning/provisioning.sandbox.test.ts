import { TestDatabases } from '@backstage/backend-test-utils';
import { createArmClients } from '../clients/azure/createArmClients';
import { createAzureCredential } from '../clients/azure/createAzureCredential';
import { DemoSandbox } from '../clients/__testUtils__/startDemoSandbox';
import { LiveApi, startLiveApi } from './__testUtils__/startLiveApi';
import { callDataPlane, deployWorkload } from './__testUtils__/workloadAccess';
import { twinFootprint } from './__testUtils__/twinFootprint';

jest.setTimeout(120_000);

const OLIVIA = 'user:default/olivia-orders';

/**
 * Issue-level behaviour through the HTTP API, the real SDKs and the Kubernetes client against
 * the sandbox: requests end active, the workload gets a token the data plane honours, and
 * running things again creates nothing twice.
 */
describe('provisioning against the sandbox', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let api: LiveApi;
  let demo: DemoSandbox;
  let storage: string;

  beforeAll(async () => {
    // The twin's eventual consistency on: the provisioner must wait it out. The principal's
    // delay is well above the time from creating an identity to assigning its role on a busy
    // machine, so the role step always meets it and retries.
    api = await startLiveApi({
      databases,
      realism: {
        principalReplicationDelayMs: 3_000,
        ficPropagationDelayMs: 300,
      },
    });
    demo = api.demo;
    storage = demo.sandbox
      .demo!.world.components.find(c => c.component.name === 'orders-api')!
      .targets.find(t => t.id.includes('/storageAccounts/'))!.id;
  });
  afterAll(() => api?.stop());

  const spec = (overrides: object = {}) => ({
    entityRef: 'component:default/orders-api',
    cluster: 'aks-prod',
    namespace: 'orders',
    serviceAccountName: 'orders-reporter',
    identity: { name: 'id-orders-reporter' },
    resources: [
      {
        resourceId: `${storage}/blobServices/default/containers/orders`,
        intent: 'read',
      },
    ],
    ...overrides,
  });

  async function requestUntilSettled(body: object) {
    const created = await api.as(OLIVIA).post('/requests', body);
    expect(created.status).toBe(201);
    return api.settledApproved(created.body.request.id, OLIVIA);
  }

  const twinCounts = () => twinFootprint(demo, 'id-orders-reporter');

  it('ends active, and the workload reads what it asked for and nothing more', async () => {
    const done = await requestUntilSettled(spec());
    expect(done.status).toBe('active');
    const types = done.events.map((e: { type: string }) => e.type);
    expect(types).toContain('step-retrying'); // the twin's replication delay was waited out
    expect(twinCounts()).toEqual({
      identities: 1,
      federatedCredentials: 1,
      assignments: 1,
    });

    const app = await deployWorkload(demo, {
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName: 'orders-reporter',
    });
    const token = await app.token('https://storage.azure.com/.default');

    demo.sandbox.azure.twin.state.putBlob(
      `${storage}/blobServices/default/containers/orders`,
      'report.csv',
      {
        contentBase64: Buffer.from('id,total\n1,42\n').toString('base64'),
        contentType: 'text/csv',
        lastModified: Date.now(),
        etag: '"1"',
      },
    );
    const account = storage.split('/').pop();
    const read = await callDataPlane(demo, {
      method: 'GET',
      path: `/blob/${account}/orders/report.csv`,
      token,
    });
    expect(read.status).toBe(200);
    expect(read.body).toBe('id,total\n1,42\n');
    const write = await callDataPlane(demo, {
      method: 'PUT',
      path: `/blob/${account}/orders/forged.csv`,
      token,
      body: 'x',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
    });
    expect(write.status).toBe(403);
  });

  it('creates nothing when the same request is made again: it answers with the active one', async () => {
    const before = twinCounts();
    const first = (
      await api
        .as(OLIVIA)
        .get(
          `/requests?entityRef=${encodeURIComponent(
            'component:default/orders-api',
          )}&status=active`,
        )
    ).body.items.find(
      (r: { spec: { serviceAccountName: string } }) =>
        r.spec.serviceAccountName === 'orders-reporter',
    );
    // 200, not 201: the answer is the request already there, not a new one.
    const again = await api.as(OLIVIA).post('/requests', spec());
    expect(again.status).toBe(200);
    const done = await api.settledApproved(again.body.request.id, OLIVIA);
    expect(done.status).toBe('active');
    expect(done.id).toBe(first.id);
    expect(twinCounts()).toEqual(before);
  });

  it('adds one federated credential and nothing else for the same identity in another namespace', async () => {
    const before = twinCounts();
    // invoices is Team Orders' too (invoice-renderer's); payments would be refused.
    const done = await requestUntilSettled(
      spec({ namespace: 'invoices', serviceAccountName: 'orders-reporter' }),
    );
    expect(done.status).toBe('active');
    expect(twinCounts()).toEqual({
      ...before,
      federatedCredentials: before.federatedCredentials + 1,
    });
  });

  it('adopts an identity, credential and role assignment made by hand instead of duplicating them', async () => {
    // What a setup guide's `az identity create`, `az identity federated-credential create` and
    // `az role assignment create` leave behind, made here through the same ARM calls.
    const clients = createArmClients({
      credential: createAzureCredential({
        tenantId: demo.sandbox.azure.twin.tenantId,
        authorityHost: demo.sandbox.azure.url,
        credential: {
          clientId: demo.sandbox.azure.twin.portal.clientId,
          clientSecret: demo.sandbox.azure.twin.portal.clientSecret,
        },
        clientOptions: demo.clientOptions,
      }),
      endpoint: demo.sandbox.azure.url,
      clientOptions: demo.clientOptions,
    })('00000000-0000-0000-0000-000000000001');
    const identity = await clients.msi.userAssignedIdentities.createOrUpdate(
      'rg-aks',
      'id-by-hand',
      { location: 'westeurope' },
    );
    const issuer = demo.sandbox
      .demo!.kubernetes.clusterInfo()
      .find(c => c.name === 'aks-prod')!.issuerUrl;
    await clients.msi.federatedIdentityCredentials.createOrUpdate(
      'rg-aks',
      'id-by-hand',
      'made-by-hand',
      {
        issuer,
        subject: 'system:serviceaccount:orders:orders-by-hand',
        audiences: ['api://AzureADTokenExchange'],
      },
    );
    const container = `${storage}/blobServices/default/containers/orders`;
    // A person runs the next command after the new principal has replicated.
    await new Promise(resolve => setTimeout(resolve, 400));
    await clients.authorization.roleAssignments.create(
      container,
      '0d5e4f1a-0000-4000-8000-0000000000aa',
      {
        roleDefinitionId:
          '/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
        principalId: identity.principalId!,
        principalType: 'ServicePrincipal',
      },
    );
    const { state } = demo.sandbox.azure.twin;
    const before = {
      identities: state.listIdentities({
        subscriptionId: '00000000-0000-0000-0000-000000000001',
      }).length,
      assignments: state.listRoleAssignments().length,
    };

    const done = await requestUntilSettled(
      spec({
        serviceAccountName: 'orders-by-hand',
        identity: { name: 'id-by-hand' },
      }),
    );

    expect(done.status).toBe('active');
    const actions = done.plan.steps.map(
      (s: { kind: string; action?: string }) => [s.kind, s.action],
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        ['ensure-identity', 'adopt'],
        ['ensure-federated-credential', 'adopt'],
        ['ensure-role-assignment', 'adopt'],
      ]),
    );
    expect(
      state.listIdentities({
        subscriptionId: '00000000-0000-0000-0000-000000000001',
      }).length,
    ).toBe(before.identities);
    expect(state.listRoleAssignments().length).toBe(before.assignments);
    const byHand = state
      .listIdentities({
        subscriptionId: '00000000-0000-0000-0000-000000000001',
      })
      .find(i => i.name === 'id-by-hand')!;
    expect(state.listFederatedCredentials(byHand).map(f => f.name)).toEqual([
      'made-by-hand',
    ]);
  });
});

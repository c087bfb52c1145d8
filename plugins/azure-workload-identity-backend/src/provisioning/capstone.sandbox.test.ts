import { TestDatabases } from '@backstage/backend-test-utils';
import { applySeed } from 'sandbox';
import { LiveApi, startLiveApi } from './__testUtils__/startLiveApi';
import { callDataPlane, deployWorkload } from './__testUtils__/workloadAccess';

jest.setTimeout(120_000);

const SUBSCRIPTION = '00000000-0000-0000-0000-000000000001';
const RG = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-finance-prod/providers`;
const VAULT = `${RG}/Microsoft.KeyVault/vaults/kv-finance-prod`;
const CERTIFICATE = `${VAULT}/certificates/invoice-signing`;
const STORAGE = `${RG}/Microsoft.Storage/storageAccounts/stfinanceprod`;
const CONTAINER = `${STORAGE}/blobServices/default/containers/invoices`;
const NAMESPACE = `${RG}/Microsoft.ServiceBus/namespaces/sb-finance-prod`;
const TOPIC = `${NAMESPACE}/topics/invoice-events`;
const OPEN_NETWORK = {
  publicNetworkAccess: 'Enabled',
  networkAcls: { defaultAction: 'Allow', ipRules: [], virtualNetworkRules: [] },
};
const REQUESTER = 'user:default/priya-payments';
const APPROVER = 'user:default/pat-platform';

/**
 * The capstone of the workload identity guide: invoice-publisher in finance-prod reads one
 * signing certificate, writes invoices to one container and sends to one topic; it must not
 * read the vault's secrets, delete blobs or receive messages. Planned from intents, approved,
 * provisioned, then checked operation by operation as the running pod.
 */
describe('capstone: invoice-publisher', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let api: LiveApi;

  beforeAll(async () => {
    // The guide's component, owned by Team Orders in the catalog and in its namespace.
    api = await startLiveApi({
      databases,
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'invoice-publisher', namespace: 'default' },
          spec: { type: 'service', owner: 'group:default/team-orders' },
          relations: [
            { type: 'ownedBy', targetRef: 'group:default/team-orders' },
          ],
        },
      ],
    });
    const { twin } = api.demo.sandbox.azure;
    applySeed(twin.state, {
      resourceGroups: [{ name: 'rg-finance-prod', location: 'westeurope' }],
      resources: [
        { id: STORAGE, location: 'westeurope', properties: OPEN_NETWORK },
        { id: CONTAINER, properties: { publicAccess: 'None' } },
        {
          id: VAULT,
          location: 'westeurope',
          properties: {
            ...OPEN_NETWORK,
            tenantId: twin.tenantId,
            enableRbacAuthorization: true,
            accessPolicies: [],
            vaultUri: 'https://kv-finance-prod.vault.azure.net/',
          },
        },
        { id: CERTIFICATE, properties: {} },
        { id: NAMESPACE, location: 'westeurope', properties: OPEN_NETWORK },
        { id: TOPIC, properties: {} },
        { id: `${TOPIC}/subscriptions/audit`, properties: {} },
      ],
      certificates: [
        {
          vault: 'kv-finance-prod',
          name: 'invoice-signing',
          cerBase64: Buffer.from('signing certificate').toString('base64'),
        },
      ],
      secrets: [
        { vault: 'kv-finance-prod', name: 'db-password', value: 'hunter2' },
      ],
    });
    api.demo.sandbox.demo!.kubernetes.cluster('aks-prod').apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'finance-prod',
        annotations: {
          'azure-workload-identity.backstage.io/owner':
            'group:default/team-orders',
        },
      },
    });
  });
  afterAll(() => api?.stop());

  it('gets the narrowest roles, needs approval, and does exactly what it needs once provisioned', async () => {
    const created = await api.as(REQUESTER).post('/requests', {
      entityRef: 'component:default/invoice-publisher',
      cluster: 'aks-prod',
      namespace: 'finance-prod',
      serviceAccountName: 'invoice-publisher',
      environment: 'production',
      justification: 'Publishes signed invoices',
      resources: [
        {
          resourceId: CERTIFICATE,
          permissions: ['certificates.read'],
          mustNot: ['secrets.read'],
        },
        {
          resourceId: CONTAINER,
          permissions: ['blob.write'],
          mustNot: ['blob.delete'],
        },
        {
          resourceId: TOPIC,
          permissions: ['messages.send'],
          mustNot: ['messages.receive'],
        },
      ],
    });
    expect(created.status).toBe(201);
    const pending = created.body.request;
    expect(pending.status).toBe('pending-approval');
    const roles = pending.plan.steps
      .filter((s: { kind: string }) => s.kind === 'ensure-role-assignment')
      .map((s: { roleName: string; scope: string }) => [s.roleName, s.scope]);
    expect(roles).toHaveLength(3);
    expect(roles).toEqual(
      expect.arrayContaining([
        ['Key Vault Certificate User', CERTIFICATE],
        ['Storage Blob Data Contributor', CONTAINER],
        ['Azure Service Bus Data Sender', TOPIC],
      ]),
    );
    // Said plainly: no built-in role writes blobs without deleting them.
    expect(pending.plan.notes).toContainEqual(
      expect.objectContaining({
        code: 'must-not-unmet',
        message: expect.stringMatching(/blob.write without blob.delete/),
      }),
    );

    const approved = await api
      .as(APPROVER)
      .post(`/requests/${pending.id}/approve`, { planHash: pending.planHash });
    expect(approved.status).toBe(200);
    const done = await api.settled(pending.id, REQUESTER);
    expect(done.status).toBe('active');

    const app = await deployWorkload(api.demo, {
      cluster: 'aks-prod',
      namespace: 'finance-prod',
      serviceAccountName: 'invoice-publisher',
    });
    const vault = await app.token('https://vault.azure.net/.default');
    const storage = await app.token('https://storage.azure.com/.default');
    const bus = await app.token('https://servicebus.azure.net/.default');
    const call = (method: string, path: string, token: string, body?: string) =>
      callDataPlane(api.demo, {
        method,
        path,
        token,
        body,
        headers: { 'x-ms-blob-type': 'BlockBlob' },
      });

    // What it needs.
    expect(
      (
        await call(
          'GET',
          '/keyvault/kv-finance-prod/certificates/invoice-signing',
          vault,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await call(
          'PUT',
          '/blob/stfinanceprod/invoices/2026-11/inv-1.pdf',
          storage,
          '%PDF',
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await call(
          'POST',
          '/servicebus/sb-finance-prod/invoice-events/messages',
          bus,
          '{}',
        )
      ).status,
    ).toBe(201);
    // What it must not do.
    expect(
      (
        await call(
          'GET',
          '/keyvault/kv-finance-prod/secrets/db-password',
          vault,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await call(
          'DELETE',
          '/servicebus/sb-finance-prod/invoice-events/subscriptions/audit/messages/head',
          bus,
        )
      ).status,
      // Service Bus answers a missing Listen claim with 401, not 403.
    ).toBe(401);
  });
});

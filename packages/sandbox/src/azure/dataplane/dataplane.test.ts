import { ClientAssertionCredential } from '@azure/identity';
import { applySeed } from '../seed/applySeed';
import { BASELINE } from '../seed/baseline';
import { startTestIssuer, TestIssuer } from '../__testUtils__/testIssuer';
import {
  request,
  startTestSandbox,
  TestSandbox,
} from '../__testUtils__/startTestSandbox';

const SUB = BASELINE.subscriptionId;
const RG = `/subscriptions/${SUB}/resourceGroups/rg-apps`;
const STORAGE = `${RG}/providers/Microsoft.Storage/storageAccounts/ordersdata`;
const VAULT = `${RG}/providers/Microsoft.KeyVault/vaults/kv-orders`;
const LEGACY_VAULT = `${RG}/providers/Microsoft.KeyVault/vaults/kv-legacy`;
const SERVICE_BUS = `${RG}/providers/Microsoft.ServiceBus/namespaces/sb-orders`;
const EVENT_HUBS = `${RG}/providers/Microsoft.EventHub/namespaces/eh-orders`;

type Service = 'storage' | 'keyvault' | 'servicebus' | 'eventhubs';
const SCOPES: Record<Service, string> = {
  storage: 'https://storage.azure.com/.default',
  keyvault: 'https://vault.azure.net/.default',
  servicebus: 'https://servicebus.azure.net/.default',
  eventhubs: 'https://eventhubs.azure.net/.default',
};

interface Op {
  service: Service;
  method: string;
  path: string;
  body?: string | object;
  /** Status and a fragment of the body Azure gives when the role does not cover the operation. */
  denied: { status: number; text: string };
}

const blobDenied = {
  status: 403,
  text: '<Code>AuthorizationPermissionMismatch</Code>',
};
const kvDenied = { status: 403, text: '"ForbiddenByRbac"' };
const OPS = {
  blobRead: {
    service: 'storage',
    method: 'GET',
    path: '/blob/ordersdata/orders/seed.txt',
    denied: blobDenied,
  },
  blobWrite: {
    service: 'storage',
    method: 'PUT',
    path: '/blob/ordersdata/orders/written.txt',
    body: 'hello',
    denied: blobDenied,
  },
  queueSend: {
    service: 'storage',
    method: 'POST',
    path: '/queue/ordersdata/jobs/messages',
    body: '<QueueMessage><MessageText>x</MessageText></QueueMessage>',
    denied: blobDenied,
  },
  secretGet: {
    service: 'keyvault',
    method: 'GET',
    path: '/keyvault/kv-orders/secrets/db-password?api-version=7.4',
    denied: kvDenied,
  },
  secretSet: {
    service: 'keyvault',
    method: 'PUT',
    path: '/keyvault/kv-orders/secrets/new-secret?api-version=7.4',
    body: { value: 'v' },
    denied: kvDenied,
  },
  certGet: {
    service: 'keyvault',
    method: 'GET',
    path: '/keyvault/kv-orders/certificates/tls?api-version=7.4',
    denied: kvDenied,
  },
  sbSend: {
    service: 'servicebus',
    method: 'POST',
    path: '/servicebus/sb-orders/orders/messages',
    body: 'order',
    denied: { status: 401, text: "'Send' claim(s) are required" },
  },
  sbReceive: {
    service: 'servicebus',
    method: 'DELETE',
    path: '/servicebus/sb-orders/orders/messages/head',
    denied: { status: 401, text: "'Listen' claim(s) are required" },
  },
  ehSend: {
    service: 'eventhubs',
    method: 'POST',
    path: '/eventhubs/eh-orders/events/messages',
    body: 'event',
    denied: { status: 401, text: "'Send' claim(s) are required" },
  },
  ehReceive: {
    service: 'eventhubs',
    method: 'DELETE',
    path: '/eventhubs/eh-orders/events/messages/head',
    denied: { status: 401, text: "'Listen' claim(s) are required" },
  },
} satisfies Record<string, Op>;

/** The data roles the role compiler uses (health-rules.md, required data action per target and intent). */
const CASES: Array<{ role: string; scope: string; allowed: Op; denied: Op }> = [
  {
    role: 'Storage Blob Data Reader',
    scope: STORAGE,
    allowed: OPS.blobRead,
    denied: OPS.blobWrite,
  },
  {
    role: 'Storage Blob Data Contributor',
    scope: STORAGE,
    allowed: OPS.blobWrite,
    denied: OPS.queueSend,
  },
  {
    role: 'Storage Queue Data Message Sender',
    scope: STORAGE,
    allowed: OPS.queueSend,
    denied: OPS.blobRead,
  },
  {
    role: 'Key Vault Secrets User',
    scope: VAULT,
    allowed: OPS.secretGet,
    denied: OPS.secretSet,
  },
  {
    role: 'Key Vault Secrets Officer',
    scope: VAULT,
    allowed: OPS.secretSet,
    denied: OPS.certGet,
  },
  {
    role: 'Key Vault Certificate User',
    scope: VAULT,
    allowed: OPS.certGet,
    denied: OPS.secretSet,
  },
  {
    role: 'Azure Service Bus Data Sender',
    scope: SERVICE_BUS,
    allowed: OPS.sbSend,
    denied: OPS.sbReceive,
  },
  {
    role: 'Azure Service Bus Data Receiver',
    scope: SERVICE_BUS,
    allowed: OPS.sbReceive,
    denied: OPS.sbSend,
  },
  {
    role: 'Azure Event Hubs Data Sender',
    scope: EVENT_HUBS,
    allowed: OPS.ehSend,
    denied: OPS.ehReceive,
  },
  {
    role: 'Azure Event Hubs Data Receiver',
    scope: EVENT_HUBS,
    allowed: OPS.ehReceive,
    denied: OPS.ehSend,
  },
];

describe('data plane: a token from a signed assertion is allowed exactly what its roles allow', () => {
  let t: TestSandbox;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await startTestSandbox();
    issuer = await startTestIssuer(t.sandbox.tls);
    const network = {
      publicNetworkAccess: 'Enabled',
      networkAcls: {
        defaultAction: 'Allow',
        ipRules: [],
        virtualNetworkRules: [],
      },
    };
    applySeed(t.sandbox.azure.twin.state, {
      resourceGroups: [{ name: 'rg-apps' }],
      resources: [
        { id: STORAGE, location: 'eastus', properties: network },
        {
          id: `${STORAGE}/blobServices/default/containers/orders`,
          properties: {},
        },
        { id: `${STORAGE}/queueServices/default/queues/jobs`, properties: {} },
        {
          id: VAULT,
          location: 'eastus',
          properties: {
            ...network,
            enableRbacAuthorization: true,
            accessPolicies: [],
          },
        },
        {
          id: LEGACY_VAULT,
          location: 'eastus',
          properties: {
            ...network,
            enableRbacAuthorization: false,
            accessPolicies: [],
          },
        },
        { id: SERVICE_BUS, location: 'eastus', properties: {} },
        { id: `${SERVICE_BUS}/queues/orders`, properties: {} },
        { id: EVENT_HUBS, location: 'eastus', properties: {} },
        { id: `${EVENT_HUBS}/eventhubs/events`, properties: {} },
      ],
      identities: CASES.map((_, i) => ({
        resourceGroup: 'rg-apps',
        name: `wi-${i}`,
        federatedCredentials: [
          {
            name: 'fic',
            issuer: issuer.url,
            subject: `system:serviceaccount:apps:sa-${i}`,
          },
        ],
      })),
      secrets: [
        { vault: 'kv-orders', name: 'db-password', value: 's3cret' },
        { vault: 'kv-legacy', name: 'db-password', value: 'legacy' },
      ],
      certificates: [{ vault: 'kv-orders', name: 'tls', cerBase64: 'MIIB' }],
      blobs: [
        {
          account: 'ordersdata',
          container: 'orders',
          name: 'seed.txt',
          content: 'seed',
        },
      ],
    });
    const state = t.sandbox.azure.twin.state;
    CASES.forEach((c, i) => {
      const identity = state.getIdentity(SUB, 'rg-apps', `wi-${i}`)!;
      applySeed(state, {
        roleAssignments: [
          { role: c.role, scope: c.scope, principalId: identity.principalId },
        ],
      });
      state.enqueueMessage(`${SERVICE_BUS}/queues/orders`, { body: `m${i}` });
      state.enqueueMessage(`${EVENT_HUBS}/eventhubs/events`, { body: `e${i}` });
    });
  });
  afterAll(async () => {
    await issuer.stop();
    await t.stop();
  });

  const tokenFor = async (index: number, service: Service) => {
    const identity = t.sandbox.azure.twin.state.getIdentity(
      SUB,
      'rg-apps',
      `wi-${index}`,
    )!;
    const credential = new ClientAssertionCredential(
      t.tenantId,
      identity.clientId,
      async () =>
        issuer.token({ sub: `system:serviceaccount:apps:sa-${index}` }),
      {
        authorityHost: t.url,
        disableInstanceDiscovery: true,
        ...t.clientOptions,
      },
    );
    return (await credential.getToken(SCOPES[service]))!.token;
  };
  const call = async (
    op: Op,
    token: string,
    headers: Record<string, string> = {},
  ) => request(t.url, t.caPem, op.method, op.path, op.body, token, headers);

  it.each(CASES.map((c, i) => [c.role, i] as const))(
    '%s: allowed operation succeeds, uncovered operation is denied',
    async (_role, i) => {
      const c = CASES[i];
      const allowed = await call(
        c.allowed,
        await tokenFor(i, c.allowed.service),
      );
      expect(allowed.status).toBeGreaterThanOrEqual(200);
      expect(allowed.status).toBeLessThan(300);
      const denied = await call(c.denied, await tokenFor(i, c.denied.service));
      expect(denied.status).toBe(c.denied.denied.status);
      expect(denied.text).toContain(c.denied.denied.text);
    },
  );

  it('reads what it was allowed to read, and refuses tokens for another service', async () => {
    const storageToken = await tokenFor(0, 'storage');
    expect((await call(OPS.blobRead, storageToken)).text).toBe('seed');
    const vaultToken = await tokenFor(3, 'keyvault');
    expect((await call(OPS.secretGet, vaultToken)).body.value).toBe('s3cret');
    const wrongAudience = await call(
      OPS.secretGet,
      await tokenFor(3, 'storage'),
    );
    expect(wrongAudience.status).toBe(401);
    expect(wrongAudience.headers['www-authenticate']).toContain(
      'resource="https://vault.azure.net"',
    );
  });

  it('honours roles inherited from the resource group', async () => {
    const state = t.sandbox.azure.twin.state;
    const identity = state.putManagedIdentity({
      subscriptionId: SUB,
      resourceGroup: 'rg-apps',
      name: 'wi-rg',
    });
    state.putFederatedCredential(identity, {
      name: 'fic',
      issuer: issuer.url,
      subject: 'system:serviceaccount:apps:rg',
      audiences: ['api://AzureADTokenExchange'],
      updatedAt: 0,
    });
    const credential = new ClientAssertionCredential(
      t.tenantId,
      identity.clientId,
      async () => issuer.token({ sub: 'system:serviceaccount:apps:rg' }),
      {
        authorityHost: t.url,
        disableInstanceDiscovery: true,
        ...t.clientOptions,
      },
    );
    const token = (await credential.getToken(SCOPES.storage))!.token;
    expect((await call(OPS.blobRead, token)).status).toBe(403);
    applySeed(state, {
      roleAssignments: [
        {
          role: 'Storage Blob Data Reader',
          scope: RG,
          principalId: identity.principalId,
        },
      ],
    });
    expect((await call(OPS.blobRead, token)).status).toBe(200);
  });

  it('checks access policies, not RBAC, on a vault in access-policy mode', async () => {
    const state = t.sandbox.azure.twin.state;
    const identity = state.getIdentity(SUB, 'rg-apps', 'wi-3')!;
    applySeed(state, {
      roleAssignments: [
        {
          role: 'Key Vault Secrets User',
          scope: LEGACY_VAULT,
          principalId: identity.principalId,
        },
      ],
    });
    const token = await tokenFor(3, 'keyvault');
    const path = '/keyvault/kv-legacy/secrets/db-password?api-version=7.4';
    const refused = await request(
      t.url,
      t.caPem,
      'GET',
      path,
      undefined,
      token,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'Forbidden',
      innererror: { code: 'AccessDenied' },
    });
    expect(refused.body.error.message).toContain(
      'does not have secrets get permission on key vault',
    );
    const vault = state.getResource(LEGACY_VAULT)!;
    state.putResource({
      ...vault,
      properties: {
        ...vault.properties,
        accessPolicies: [
          {
            tenantId: t.tenantId,
            objectId: identity.principalId,
            permissions: { secrets: ['get', 'list'] },
          },
        ],
      },
    });
    expect(
      (await request(t.url, t.caPem, 'GET', path, undefined, token)).body.value,
    ).toBe('legacy');
  });

  it('lets a firewall deny a caller that has the role, and an IP rule let it back in', async () => {
    const state = t.sandbox.azure.twin.state;
    const account = state.getResource(STORAGE)!;
    state.putResource({
      ...account,
      properties: {
        ...account.properties,
        networkAcls: {
          defaultAction: 'Deny',
          ipRules: [{ value: '20.1.0.0/16' }],
          virtualNetworkRules: [],
        },
      },
    });
    try {
      const token = await tokenFor(0, 'storage');
      const blocked = await call(OPS.blobRead, token);
      expect(blocked.status).toBe(403);
      expect(blocked.text).toContain('<Code>AuthorizationFailure</Code>');
      expect(
        (await call(OPS.blobRead, token, { 'x-sandbox-client-ip': '20.1.2.3' }))
          .status,
      ).toBe(200);

      const vault = state.getResource(VAULT)!;
      state.putResource({
        ...vault,
        properties: { ...vault.properties, publicNetworkAccess: 'Disabled' },
      });
      const kv = await call(OPS.secretGet, await tokenFor(3, 'keyvault'));
      expect(kv.body.error.innererror.code).toBe('ForbiddenByFirewall');
      state.putResource(vault);
    } finally {
      state.putResource(account);
    }
  });
});

import { TestDatabases } from '@backstage/backend-test-utils';
import { WORKLOAD_IDENTITY_ANNOTATIONS } from '@backstage-community/plugin-azure-workload-identity-common';
import { podsOf } from 'sandbox';
import {
  LiveApi,
  startLiveApi,
} from '../provisioning/__testUtils__/startLiveApi';
import { twinFootprint } from '../provisioning/__testUtils__/twinFootprint';
import {
  callDataPlane,
  deployWorkload,
} from '../provisioning/__testUtils__/workloadAccess';

jest.setTimeout(180_000);

const OLIVIA = 'user:default/olivia-orders';
const PAT = 'user:default/pat-platform';
const CLIENT_ID = WORKLOAD_IDENTITY_ANNOTATIONS.clientId;

describe('revoke through the real SDK clients against the twin', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let api: LiveApi;

  beforeAll(async () => {
    api = await startLiveApi({ databases });
  });
  afterAll(() => api?.stop());

  const container = () =>
    `${
      api.demo.sandbox
        .demo!.world.components.find(c => c.component.name === 'orders-api')!
        .targets.find(t => t.id.includes('/storageAccounts/'))!.id
    }/blobServices/default/containers/orders`;

  const twinOf = (identityName: string) =>
    twinFootprint(api.demo, identityName);

  /** Olivia asks; on the production cluster the platform team approves what needs it. */
  async function activated(body: object) {
    const created = await api.as(OLIVIA).post('/requests', {
      entityRef: 'component:default/orders-api',
      cluster: 'aks-prod',
      namespace: 'orders',
      ...body,
    });
    expect(created.status).toBe(201);
    let done = await api.settled(created.body.request.id, OLIVIA);
    if (done.status === 'pending-approval') {
      const approved = await api
        .as(PAT)
        .post(`/requests/${done.id}/approve`, { planHash: done.planHash });
      expect(approved.status).toBe(200);
      done = await api.settled(done.id, OLIVIA);
    }
    expect(done.status).toBe('active');
    return done;
  }

  async function activeRequest(
    serviceAccountName: string,
    identity: string,
    intent: 'read' | 'write' = 'read',
  ) {
    const done = await activated({
      serviceAccountName,
      identity: { name: identity },
      resources: [{ resourceId: container(), intent }],
    });
    return done.id as string;
  }

  const cluster = () => api.demo.sandbox.demo!.kubernetes.cluster('aks-prod');

  /** The service account as the twin holds it, read past the API under test. */
  const account = (name: string) =>
    cluster().find('v1', 'ServiceAccount', 'orders', name);

  const eventsOf = async (id: string) =>
    (await api.as(OLIVIA).get(`/requests/${id}/events`)).body.events as {
      type: string;
      detail?: Record<string, unknown>;
    }[];

  it('deletes an identity nothing else uses when asked, and says so', async () => {
    const id = await activeRequest('orders-once', 'id-orders-once');
    expect(twinOf('id-orders-once')).toEqual({
      identities: 1,
      federatedCredentials: 1,
      assignments: 1,
    });

    const revoked = await api
      .as(OLIVIA)
      .post(`/requests/${id}/revoke`, { deleteIdentity: true });
    expect(revoked.status).toBe(200);
    expect(twinOf('id-orders-once').identities).toBe(0);
    const events = (await api.as(OLIVIA).get(`/requests/${id}/events`)).body;
    expect(JSON.stringify(events)).toContain('"identityKept":false');
    // The request created the service account and no pod runs as it: it goes too.
    expect(account('orders-once')).toBeUndefined();
  });

  it('keeps a service account it created while a pod runs as it, and says why', async () => {
    const id = await activeRequest('orders-busy', 'id-orders-busy');
    cluster().apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'orders-busy', namespace: 'orders' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'orders-busy' } },
        template: {
          metadata: { labels: { app: 'orders-busy' } },
          spec: {
            serviceAccountName: 'orders-busy',
            containers: [{ name: 'app', image: 'example/orders-busy:1.0.0' }],
          },
        },
      },
    });
    const [pod] = podsOf(api.demo.sandbox.demo!.kubernetes, {
      cluster: 'aks-prod',
      namespace: 'orders',
      deployment: 'orders-busy',
    });

    const revoked = await api.as(OLIVIA).post(`/requests/${id}/revoke`, {});
    expect(revoked.status).toBe(200);

    const kept = account('orders-busy');
    expect(kept).toBeDefined();
    expect(kept!.metadata.annotations ?? {}).toEqual({});
    const reasons = (await eventsOf(id))
      .filter(e => e.type === 'teardown-kept')
      .map(e => e.detail?.reason);
    expect(reasons).toEqual([
      `This request created the service account, but pod ${pod.metadata.name} still runs as it.`,
    ]);
  });

  it('adopts an existing binding and leaves it working after revoke', async () => {
    const { state } = api.demo.sandbox.azure.twin;
    const ordersApi = api.demo.sandbox.demo!.world.components.find(
      c => c.component.name === 'orders-api',
    )!;
    const storage = ordersApi.targets.find(t =>
      t.id.includes('/storageAccounts/'),
    )!.id;
    const identity = state
      .listIdentities({ subscriptionId: ordersApi.subscriptionId })
      .find(i => i.name === ordersApi.identity!.name)!;
    // Made with Helm, as many are: Helm refuses to upgrade a release whose objects name
    // another manager, so the request must leave that label as it is.
    const helmMade = structuredClone(account('orders-api')!);
    helmMade.metadata.labels = { 'app.kubernetes.io/managed-by': 'Helm' };
    cluster().apply(helmMade);
    const before = {
      annotations: { ...account('orders-api')!.metadata.annotations },
      labels: { ...account('orders-api')!.metadata.labels },
      footprint: twinFootprint(
        api.demo,
        identity.name,
        ordersApi.subscriptionId,
      ),
    };
    expect(before.annotations[CLIENT_ID]).toBe(identity.clientId);

    // The binding the demo's orders-api already has: its service account, identity,
    // credential and storage role, asked for again. Everything is found, nothing made.
    const done = await activated({
      serviceAccountName: 'orders-api',
      identity: {
        resourceId: `/subscriptions/${identity.subscriptionId}/resourceGroups/${identity.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${identity.name}`,
      },
      resources: [{ resourceId: storage, intent: 'read' }],
    });
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
    expect(account('orders-api')!.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'Helm',
      'backstage.io/kubernetes-id': 'orders-api',
    });

    const revoked = await api
      .as(OLIVIA)
      .post(`/requests/${done.id}/revoke`, { deleteIdentity: true });
    expect(revoked.status).toBe(200);

    // What the request added (its tenant-id and entity-ref annotations, the component's label)
    // is gone again; the
    // pointer, the credential, the role assignment and the identity it found all stay.
    expect(account('orders-api')!.metadata.annotations).toEqual(
      before.annotations,
    );
    expect(account('orders-api')!.metadata.labels).toEqual(before.labels);
    expect(
      twinFootprint(api.demo, identity.name, ordersApi.subscriptionId),
    ).toEqual(before.footprint);
    const events = await eventsOf(done.id);
    expect(events.at(-1)?.detail).toMatchObject({ identityKept: true });

    // And a pod started now still gets a token the data plane honours. The demo's own
    // deployment goes first, so the pod is a new one, injected from the annotations as
    // they are after the revoke.
    cluster().delete(
      cluster().type('apps/v1', 'Deployment'),
      'orders',
      'orders-api',
    );
    const app = await deployWorkload(api.demo, {
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName: 'orders-api',
    });
    const token = await app.token('https://storage.azure.com/.default');
    state.putBlob(
      `${storage}/blobServices/default/containers/orders`,
      'a.csv',
      {
        contentBase64: Buffer.from('id\n1\n').toString('base64'),
        contentType: 'text/csv',
        lastModified: Date.now(),
        etag: '"1"',
      },
    );
    const read = await callDataPlane(api.demo, {
      method: 'GET',
      path: `/blob/${storage.split('/').pop()}/orders/a.csv`,
      token,
    });
    expect(read.status).toBe(200);
  });

  it('keeps an identity a second request still uses, naming what uses it', async () => {
    const first = await activeRequest('orders-shared-a', 'id-orders-shared');
    // A different grant, so the two requests share the identity but no role assignment.
    await activeRequest('orders-shared-b', 'id-orders-shared', 'write');

    const revoked = await api
      .as(OLIVIA)
      .post(`/requests/${first}/revoke`, { deleteIdentity: true });
    expect(revoked.status).toBe(200);
    // The second request's credential and role assignment keep the identity alive.
    expect(twinOf('id-orders-shared')).toEqual({
      identities: 1,
      federatedCredentials: 1,
      assignments: 1,
    });
    const events = (await api.as(OLIVIA).get(`/requests/${first}/events`)).body;
    expect(JSON.stringify(events)).toContain('"identityKept":true');
    expect(JSON.stringify(events)).toContain(
      "federated credential 'aks-prod-orders-orders-shared-b'",
    );
  });

  it('refuses a deleteIdentity that is not a boolean, storing nothing', async () => {
    const id = await activeRequest('orders-typo', 'id-orders-typo');
    const refused = await api
      .as(OLIVIA)
      .post(`/requests/${id}/revoke`, { deleteIdentity: 'yes' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('deleteIdentity');
    expect(twinOf('id-orders-typo').federatedCredentials).toBe(1);
  });
});

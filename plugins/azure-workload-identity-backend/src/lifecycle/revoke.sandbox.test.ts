import { TestDatabases } from '@backstage/backend-test-utils';
import {
  LiveApi,
  startLiveApi,
} from '../provisioning/__testUtils__/startLiveApi';
import { twinFootprint } from '../provisioning/__testUtils__/twinFootprint';

jest.setTimeout(180_000);

const OLIVIA = 'user:default/olivia-orders';

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

  async function activeRequest(
    serviceAccountName: string,
    identity: string,
    intent: 'read' | 'write' = 'read',
  ) {
    const created = await api.as(OLIVIA).post('/requests', {
      entityRef: 'component:default/orders-api',
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName,
      environment: 'staging',
      identity: { name: identity },
      resources: [{ resourceId: container(), intent }],
    });
    expect(created.status).toBe(201);
    const done = await api.settled(created.body.request.id, OLIVIA);
    expect(done.status).toBe('active');
    return done.id as string;
  }

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

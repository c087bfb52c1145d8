import { testCatalog } from '../__testUtils__/catalogEntities';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { requestApprovePermission } from '@backstage-community/plugin-azure-workload-identity-common';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import request from 'supertest';
import { baseSpec,
  productionSpec, healthyWorld, IDENTITY_ID } from '../__testUtils__/world';
import { createAzureWorkloadIdentityPlugin } from '../plugin';
import { fakeWorld } from '../provisioning/__testUtils__/provisionerHarness';

jest.setTimeout(60_000);

const API = '/api/azure-workload-identity';
const OLIVIA = 'user:default/olivia-orders';
const OMAR = 'user:default/omar-orders';
const PAT = 'user:default/pat-platform';
const PLATFORM_TEAM = [PAT, 'user:default/sam-security'];

describe('decisions on requests', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function start() {
    const preflight = healthyWorld();
    const sent: NotificationSendOptions[] = [];
    const world = fakeWorld();
    const knex = await databases.init('SQLITE_3');
    const permissions = mockServices.permissions.mock({
      // The portal's policy in miniature: approve only for the platform team.
      authorize: async (requests, options) => {
        const principal = options.credentials.principal as {
          userEntityRef?: string;
        };
        const platform = PLATFORM_TEAM.includes(principal.userEntityRef ?? '');
        // Revoking is open to everyone but Omar, so both answers are exercised.
        const allowed = (name: string) =>
          name === requestApprovePermission.name
            ? platform
            : principal.userEntityRef !== OMAR;
        return requests.map(r => ({
          result: allowed(r.permission.name)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        }));
      },
    });
    const { server } = await startTestBackend({
      features: [
        createAzureWorkloadIdentityPlugin({
          preflight,
          provisioning: {
            azure: world.azure,
            serviceAccountWriterFor: () => world.serviceAccounts,
            probe: world.probe,
          },
          provisioningTimings: {
            initialDelayMs: 5,
            maxDelayMs: 20,
            principalDeadlineMs: 200,
          },
        }),
        mockServices.database.factory({ knex }),
        testCatalog(),
        permissions.factory,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            send: async (notification: NotificationSendOptions) => {
              sent.push(notification);
            },
          }),
        }),
      ],
    });
    const as = (user: string) => ({
      post: (path: string, body: object = {}) =>
        request(server)
          .post(`${API}${path}`)
          .set('Authorization', mockCredentials.user.header(user))
          .send(body),
      get: (path: string) =>
        request(server)
          .get(`${API}${path}`)
          .set('Authorization', mockCredentials.user.header(user)),
    });
    const createPending = async (requester = OLIVIA) => {
      const created = await as(requester).post(
        '/requests',
        productionSpec(),
      );
      expect(created.status).toBe(201);
      expect(created.body.request.status).toBe('pending-approval');
      return created.body.request as { id: string; planHash: string };
    };
    const statusOf = async (id: string) =>
      (await as(OLIVIA).get(`/requests/${id}`)).body.request.status;
    return { server, preflight, world, as, createPending, statusOf, sent };
  }

  async function eventually(check: () => Promise<boolean>) {
    for (let i = 0; i < 200; i++) {
      if (await check()) return;
      await new Promise(resolve => setTimeout(resolve, 25));
    }
    throw new Error('condition not met in time');
  }

  it('lets a platform-team member approve the plan they read, and then applies it', async () => {
    const api = await start();
    const pending = await api.createPending();

    const approved = await api.as(PAT).post(`/requests/${pending.id}/approve`, {
      planHash: pending.planHash,
      comment: 'production access for invoices, as discussed',
    });

    expect(approved.status).toBe(200);
    expect(approved.body.request.status).toMatch(/approved|applying|active/);
    await eventually(async () => (await api.statusOf(pending.id)) === 'active');
    expect(api.world.azure.identities.size).toBe(1);

    const events = await api.as(OLIVIA).get(`/requests/${pending.id}/events`);
    expect(events.status).toBe(200);
    const types = events.body.events.map((e: { type: string }) => e.type);
    expect(types.slice(0, 3)).toEqual(['created', 'approved', 'apply-started']);
    expect(types.at(-1)).toBe('apply-completed');
    expect(events.body.events[1]).toMatchObject({
      actor: PAT,
      planHash: pending.planHash,
      detail: { comment: 'production access for invoices, as discussed' },
    });

    // Approvers heard of the pending request, the requester of the approval and the result.
    const link = `/azure-workload-identity/requests/${pending.id}`;
    expect(api.sent.map(n => [n.recipients, n.payload.title])).toEqual([
      [
        {
          type: 'entity',
          entityRef: 'group:default/platform-team',
          excludeEntityRef: OLIVIA,
        },
        'Approval needed: Azure access for orders-api',
      ],
      [
        { type: 'entity', entityRef: OLIVIA },
        'Approved: Azure access for orders-api',
      ],
      [
        { type: 'entity', entityRef: OLIVIA },
        'Ready: Azure access for orders-api',
      ],
    ]);
    expect(api.sent.every(n => n.payload.link === link)).toBe(true);
  });

  it('refuses an approval from someone outside the approver group, saying who may', async () => {
    const api = await start();
    const pending = await api.createPending();

    const response = await api
      .as(OMAR)
      .post(`/requests/${pending.id}/approve`, { planHash: pending.planHash });

    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(
      /only members of group:default\/platform-team may approve/,
    );
    expect(await api.statusOf(pending.id)).toBe('pending-approval');
  });

  it('never lets a requester approve their own request, even from the platform team', async () => {
    const api = await start();
    const pending = await api.createPending(PAT);

    const response = await api
      .as(PAT)
      .post(`/requests/${pending.id}/approve`, { planHash: pending.planHash });

    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/you requested .* yourself/);
    expect(await api.statusOf(pending.id)).toBe('pending-approval');
  });

  it('binds the approval to the plan hash the approver read', async () => {
    const api = await start();
    const pending = await api.createPending();

    const response = await api.as(PAT).post(`/requests/${pending.id}/approve`, {
      planHash: `sha256:${'0'.repeat(64)}`,
    });

    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/review the current plan/);
    expect(await api.statusOf(pending.id)).toBe('pending-approval');
  });

  it('sends a drifted plan back to the approver with what changed', async () => {
    const api = await start();
    const pending = await api.createPending();
    // Someone made the identity by hand after the request was planned.
    api.preflight.addIdentity({
      resourceId: IDENTITY_ID,
      name: 'id-orders-api-aks-prod',
      clientId: '11111111-1111-1111-1111-111111111111',
      principalId: '22222222-2222-2222-2222-222222222222',
    });

    const drifted = await api
      .as(PAT)
      .post(`/requests/${pending.id}/approve`, { planHash: pending.planHash });

    expect(drifted.status).toBe(409);
    expect(drifted.body.error.message).toMatch(/changed since it was read/);
    expect(drifted.body.error.changes).toContainEqual(
      expect.objectContaining({
        stepId: 'identity',
        summary: expect.stringContaining("action was 'create', now 'adopt'"),
      }),
    );
    const current = (await api.as(PAT).get(`/requests/${pending.id}`)).body
      .request;
    expect(current.status).toBe('pending-approval');
    expect(current.planHash).toBe(drifted.body.error.planHash);
    expect(current.planHash).not.toBe(pending.planHash);

    const again = await api
      .as(PAT)
      .post(`/requests/${pending.id}/approve`, { planHash: current.planHash });
    expect(again.status).toBe(200);
  });

  it('rejects with a reason, and asks for one when it is missing', async () => {
    const api = await start();
    const pending = await api.createPending();

    const missing = await api
      .as(PAT)
      .post(`/requests/${pending.id}/reject`, { reason: '  ' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/reason: say why/);

    const rejected = await api.as(PAT).post(`/requests/${pending.id}/reject`, {
      reason: 'use the staging vault for this',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.request.status).toBe('rejected');

    const late = await api
      .as(PAT)
      .post(`/requests/${pending.id}/approve`, { planHash: pending.planHash });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/is 'rejected'/);
  });

  it('lets only the requester cancel', async () => {
    const api = await start();
    const pending = await api.createPending();

    const byOther = await api.as(OMAR).post(`/requests/${pending.id}/cancel`);
    expect(byOther.status).toBe(403);
    expect(byOther.body.error.message).toMatch(
      /only user:default\/olivia-orders/,
    );

    const byRequester = await api
      .as(OLIVIA)
      .post(`/requests/${pending.id}/cancel`);
    expect(byRequester.status).toBe(200);
    expect(byRequester.body.request.status).toBe('cancelled');
  });

  it('refuses decisions made with service credentials', async () => {
    const api = await start();
    const pending = await api.createPending();

    const response = await request(api.server)
      .post(`${API}/requests/${pending.id}/approve`)
      .set('Authorization', mockCredentials.service.header())
      .send({ planHash: pending.planHash });

    expect(response.status).toBe(403);
    expect(await api.statusOf(pending.id)).toBe('pending-approval');
  });

  it('revokes an active request: the grants go, the identity stays, and the timeline says so', async () => {
    const api = await start();
    const pending = await api.createPending();
    await api
      .as(PAT)
      .post(`/requests/${pending.id}/approve`, { planHash: pending.planHash });
    await eventually(async () => (await api.statusOf(pending.id)) === 'active');

    const denied = await api
      .as(OMAR)
      .post(`/requests/${pending.id}/revoke`, { reason: 'not mine' });
    expect(denied.status).toBe(403);

    const revoked = await api
      .as(OLIVIA)
      .post(`/requests/${pending.id}/revoke`, { reason: 'service retired' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.request.status).toBe('revoked');
    expect(api.world.azure.assignments.size).toBe(0);
    expect(api.world.azure.federatedCredentials.size).toBe(0);
    expect(api.world.azure.identities.size).toBe(1);

    const again = await api.as(OLIVIA).post(`/requests/${pending.id}/revoke`);
    expect(again.status).toBe(409);
  });

  it('lets the requester retry a failed request, which resumes where it stopped', async () => {
    const api = await start();
    api.world.azure.principalNotFoundCalls = 1_000_000;
    const created = await api
      .as(OLIVIA)
      .post('/requests', baseSpec({ environment: 'staging' }));
    const id = created.body.request.id;
    await eventually(async () => (await api.statusOf(id)) === 'failed');

    const byOther = await api.as(OMAR).post(`/requests/${id}/retry`);
    expect(byOther.status).toBe(403);

    api.world.azure.principalNotFoundCalls = 0;
    const retried = await api.as(OLIVIA).post(`/requests/${id}/retry`);
    expect(retried.status).toBe(200);
    await eventually(async () => (await api.statusOf(id)) === 'active');
    // The identity made before the failure was reused, not made again.
    expect(
      api.world.azure.calls.filter(c => c.startsWith('identity')),
    ).toHaveLength(1);

    const again = await api.as(OLIVIA).post(`/requests/${id}/retry`);
    expect(again.status).toBe(409);
  });
});

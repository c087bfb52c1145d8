import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { baseSpec, productionSpec, healthyWorld } from './__testUtils__/world';
import {
  API,
  OLIVIA as olivia,
  startApi,
  TestApi,
} from './__testUtils__/startApi';

jest.setTimeout(60_000);

describe('the HTTP API', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let api: TestApi;

  describe('with a healthy world', () => {
    beforeEach(async () => {
      api = await startApi({ databases, preflight: healthyWorld() });
    });

    it('plans without storing anything', async () => {
      const response = await api.post('/plan', baseSpec());

      expect(response.status).toBe(200);
      expect(response.body.plan).toMatchObject({
        planHash: expect.stringMatching(/^sha256:/),
        requiresApproval: false,
      });
      expect(response.body.plan.steps).toHaveLength(6);
      expect(await api.storedRows()).toBe(0);
    });

    it('stores an auto-approved request for the user, readable with its timeline', async () => {
      const created = await api.post('/requests', baseSpec());

      expect(created.status).toBe(201);
      const { request: stored } = created.body;
      expect(stored).toMatchObject({
        requestedBy: olivia,
        status: 'approved',
        entityRef: 'component:default/orders-api',
        planHash: stored.plan.planHash,
      });
      expect(stored.events.map((e: { type: string }) => e.type)).toEqual([
        'created',
      ]);

      const read = await api.get(`/requests/${stored.id}`);
      expect(read.status).toBe(200);
      expect(read.body.request).toEqual(stored);

      const listed = await api.get(
        `/requests?requestedBy=${olivia}&status=approved&limit=10`,
      );
      expect(listed.status).toBe(200);
      expect(listed.body.totalCount).toBe(1);
      expect(listed.body.items[0].id).toBe(stored.id);
      expect(listed.body.nextCursor).toBeUndefined();
    });

    it('leaves a production request pending approval, with the reasons', async () => {
      const response = await api.post('/requests', productionSpec());
      expect(response.status).toBe(201);
      expect(response.body.request.status).toBe('pending-approval');
      expect(response.body.request.plan.approvalReasons).toEqual([
        expect.objectContaining({ code: 'production' }),
      ]);
    });

    it('pages the list with the cursor it hands out', async () => {
      // Three grants: identical requests would answer with one request.
      for (let i = 0; i < 3; i++) {
        const spec = baseSpec({ serviceAccountName: `orders-worker-${i}` });
        expect((await api.post('/requests', spec)).status).toBe(201);
      }
      const first = await api.get(`/requests?limit=2`);
      const second = await api.get(
        `/requests?limit=2&cursor=${first.body.nextCursor}`,
      );
      expect(first.body.items).toHaveLength(2);
      expect(second.body.items).toHaveLength(1);
      expect(first.body.items.map((r: { id: string }) => r.id)).not.toContain(
        second.body.items[0].id,
      );
      expect(second.body.totalCount).toBe(3);
    });

    it('answers identical requests, at once or later, with the one request it stored', async () => {
      const [first, second] = await Promise.all([
        api.post('/requests', baseSpec()),
        api.post('/requests', baseSpec()),
      ]);
      const later = await api.post(
        '/requests',
        baseSpec({ justification: 'asking again' }),
      );

      // One of the two at once made it (201); the other and the later one answer with it (200).
      expect([first.status, second.status].sort()).toEqual([200, 201]);
      expect(later.status).toBe(200);
      for (const response of [first, second, later]) {
        expect(response.body.request.id).toBe(first.body.request.id);
      }
      // One request row and its one `created` event.
      expect(await api.storedRows()).toBe(2);
      expect((await api.get('/requests')).body.totalCount).toBe(1);
    });

    it("stores the catalog's spelling of the component, and finds it by any spelling", async () => {
      const created = await api.post(
        '/requests',
        baseSpec({ entityRef: 'component:default/Orders-API' }),
      );
      expect(created.status).toBe(201);
      expect(created.body.request.entityRef).toBe(
        'component:default/orders-api',
      );
      const found = await api.get(
        `/requests?entityRef=${encodeURIComponent(
          'Component:Default/ORDERS-api',
        )}`,
      );
      expect(found.body.items.map((r: { id: string }) => r.id)).toEqual([
        created.body.request.id,
      ]);
    });

    it('takes new requests from signed-in users only, not from services', async () => {
      const asService = await request(api.server)
        .post(`${API}/requests`)
        .set('Authorization', mockCredentials.service.header())
        .send(baseSpec());
      expect(asService.status).toBe(403);
      const anonymous = await request(api.server)
        .post(`${API}/requests`)
        .set('Authorization', mockCredentials.none.header())
        .send(baseSpec());
      expect(anonymous.status).toBe(401);
      expect(await api.storedRows()).toBe(0);
    });

    it('answers 404 for a request that does not exist', async () => {
      const response = await api.get(
        `/requests/0190f5e2-7b1c-7c3d-8e4f-0123456789ab`,
      );
      expect(response.status).toBe(404);
      expect(response.body.error.name).toBe('NotFoundError');
    });
  });

  describe('without live pre-flight', () => {
    beforeEach(async () => {
      api = await startApi({ databases });
    });

    it('refuses to plan with 503 and says why, storing nothing', async () => {
      for (const path of ['/plan', '/requests']) {
        const response = await api.post(path, baseSpec());
        expect(response.status).toBe(503);
        expect(response.body.error.message).toContain(
          'live pre-flight is not configured',
        );
      }
      expect(await api.storedRows()).toBe(0);
    });

    it('still answers bad input with 400 before any pre-flight', async () => {
      const response = await api.post('/plan', {
        ...baseSpec(),
        namespace: 'X',
      });
      expect(response.status).toBe(400);
    });
  });
});

import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { baseSpec } from '../__testUtils__/world';
import { Plan } from '../planning/Plan';
import { RequestConflictError, RequestNotFoundError } from '../requests/errors';
import { JsonObject } from '../requests/types';
import { KnexRequestStore } from './KnexRequestStore';
import { migrateDatabase } from './migrateDatabase';
import { InvalidCursorError } from './RequestStore';

jest.setTimeout(60_000);

const olivia = 'user:default/olivia-orders';
const peter = 'user:default/peter-platform';

function plan(planHash = 'sha256:aaa'): Plan {
  return {
    planHash,
    steps: [],
    requiresApproval: true,
    approvalReasons: [{ code: 'production', message: 'production' }],
    notes: [],
  };
}

describe('KnexRequestStore', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    return { knex, store: new KnexRequestStore({ knex }) };
  }

  const count = async (knex: Knex, table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('stores a request with its plan and a created event, and reads them back', async () => {
      const { store } = await createStore(databaseId);
      const spec = baseSpec({ expiresAt: '2027-01-31T00:00:00+01:00' });

      const { created: isNew, ...created } = await store.createRequest({
        spec,
        requestedBy: olivia,
        status: 'pending-approval',
        plan: plan(),
        detail: { requiresApproval: true },
      });

      expect(isNew).toBe(true);
      expect(created).toMatchObject({
        entityRef: 'component:default/orders-api',
        requestedBy: olivia,
        status: 'pending-approval',
        cluster: 'aks-prod',
        namespace: 'orders',
        serviceAccountName: 'orders-api',
        spec,
        plan: plan(),
        planHash: 'sha256:aaa',
        expiresAt: '2027-01-30T23:00:00.000Z',
      });
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(created.createdAt)).toBeGreaterThan(
        Date.now() - 60_000,
      );

      const read = await store.getRequest({ id: created.id });
      expect(read).toMatchObject({ ...created });
      expect(read!.events).toEqual([
        {
          id: expect.any(String),
          requestId: created.id,
          type: 'created',
          actor: olivia,
          planHash: 'sha256:aaa',
          detail: { status: 'pending-approval', requiresApproval: true },
          createdAt: expect.stringMatching(/Z$/),
        },
      ]);
      expect(await store.getRequest({ id: 'nope' })).toBeUndefined();
    });

    it('stores nothing when any part of creating a request fails', async () => {
      const { knex, store } = await createStore(databaseId);
      // A detail that cannot become JSON fails after the request row was inserted.
      const detail = { n: BigInt(1) } as unknown as JsonObject;

      await expect(
        store.createRequest({
          spec: baseSpec(),
          requestedBy: olivia,
          status: 'approved',
          plan: plan(),
          detail,
        }),
      ).rejects.toThrow(/BigInt/);
      expect(await count(knex, 'awi_requests')).toBe(0);
      expect(await count(knex, 'awi_request_events')).toBe(0);
    });

    it('lists newest first, filters, and pages with a cursor', async () => {
      const { store } = await createStore(databaseId);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const request = await store.createRequest({
          spec: baseSpec({
            entityRef:
              i < 4
                ? 'component:default/orders-api'
                : 'component:default/billing',
            // One open request per grant: each asks for a service account of its own.
            serviceAccountName: `worker-${i}`,
          }),
          requestedBy: i % 2 === 0 ? olivia : peter,
          status: i === 0 ? 'approved' : 'pending-approval',
          plan: plan(),
        });
        ids.push(request.id);
      }
      const newestFirst = [...ids].reverse();

      const first = await store.listRequests({ limit: 2 });
      expect(first.items.map(r => r.id)).toEqual(newestFirst.slice(0, 2));
      expect(first.totalCount).toBe(5);
      const second = await store.listRequests({
        limit: 2,
        cursor: first.nextCursor,
      });
      expect(second.items.map(r => r.id)).toEqual(newestFirst.slice(2, 4));
      const last = await store.listRequests({
        limit: 2,
        cursor: second.nextCursor,
      });
      expect(last.items.map(r => r.id)).toEqual(newestFirst.slice(4));
      expect(last.nextCursor).toBeUndefined();

      const mine = await store.listRequests({ requestedBy: olivia });
      expect(mine.items.map(r => r.id)).toEqual([ids[4], ids[2], ids[0]]);
      const orders = await store.listRequests({
        entityRef: 'component:default/orders-api',
        status: 'pending-approval',
        requestedBy: peter,
      });
      expect(orders.items.map(r => r.id)).toEqual([ids[3], ids[1]]);
      expect(orders.totalCount).toBe(2);

      await expect(
        store.listRequests({ cursor: 'not-a-cursor' }),
      ).rejects.toThrow(InvalidCursorError);
    });

    it('finds the requests whose plan uses an identity, in any case, across components and after a plan change', async () => {
      const { store } = await createStore(databaseId);
      const identity =
        '/subscriptions/S/resourceGroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-orders';
      const planWith = (id: string, hash: string): Plan => ({
        ...plan(hash),
        steps: [
          {
            id: 'identity',
            kind: 'ensure-identity',
            resourceId: id,
          } as unknown as Plan['steps'][number],
        ],
      });
      const orders = await store.createRequest({
        spec: baseSpec(),
        requestedBy: olivia,
        status: 'approved',
        plan: planWith(identity, 'sha256:a'),
      });
      const billing = await store.createRequest({
        spec: baseSpec({ entityRef: 'component:default/billing-worker' }),
        requestedBy: olivia,
        status: 'approved',
        plan: planWith(identity.toUpperCase(), 'sha256:b'),
      });
      await store.createRequest({
        spec: baseSpec({ entityRef: 'component:default/audit-exporter' }),
        requestedBy: olivia,
        status: 'approved',
        plan: planWith(identity.replace('wi-orders', 'wi-audit'), 'sha256:c'),
      });
      const holders = async () =>
        (await store.listRequests({ identityId: identity })).items
          .map(r => r.entityRef)
          .sort();
      expect(await holders()).toEqual([
        'component:default/billing-worker',
        'component:default/orders-api',
      ]);

      // Planned anew onto another identity: no longer a holder of this one.
      await store.replacePlan({
        id: billing.id,
        from: 'approved',
        expectedPlanHash: 'sha256:b',
        to: 'approved',
        plan: planWith(identity.replace('wi-orders', 'wi-billing'), 'sha256:d'),
        actor: peter,
        type: 'plan-changed',
      });
      expect(await holders()).toEqual([orders.entityRef]);
    });

    it('moves a request only from the state the caller expects, with its event', async () => {
      const { knex, store } = await createStore(databaseId);
      const { id } = await store.createRequest({
        spec: baseSpec(),
        requestedBy: olivia,
        status: 'pending-approval',
        plan: plan('sha256:v1'),
      });

      await expect(
        store.transition({
          id,
          from: 'pending-approval',
          to: 'approved',
          actor: peter,
          type: 'approved',
          planHash: 'sha256:stale',
        }),
      ).rejects.toThrow(/now has plan sha256:v1, not sha256:stale/);

      const approved = await store.transition({
        id,
        from: 'pending-approval',
        to: 'approved',
        actor: peter,
        type: 'approved',
        planHash: 'sha256:v1',
        detail: { comment: 'fine' },
      });
      expect(approved.status).toBe('approved');

      const error = await store
        .transition({
          id,
          from: 'pending-approval',
          to: 'rejected',
          actor: peter,
          type: 'rejected',
        })
        .catch(e => e);
      expect(error).toBeInstanceOf(RequestConflictError);
      expect(error.message).toMatch(/is 'approved', not 'pending-approval'/);

      const { events } = (await store.getRequest({ id }))!;
      expect(events.map(e => [e.type, e.actor, e.detail])).toEqual([
        ['created', olivia, { status: 'pending-approval' }],
        [
          'approved',
          peter,
          { from: 'pending-approval', to: 'approved', comment: 'fine' },
        ],
      ]);
      expect(await count(knex, 'awi_request_events')).toBe(2);

      await expect(
        store.transition({
          id: 'nope',
          from: 'approved',
          to: 'applying',
          actor: peter,
          type: 'x',
        }),
      ).rejects.toThrow(RequestNotFoundError);
    });

    it('lets exactly one of two racing transitions win', async () => {
      const { store } = await createStore(databaseId);
      const { id } = await store.createRequest({
        spec: baseSpec(),
        requestedBy: olivia,
        status: 'approved',
        plan: plan(),
      });
      const apply = (replica: string) =>
        store.transition({
          id,
          from: 'approved',
          to: 'applying',
          actor: replica,
          type: 'apply-started',
        });

      const results = await Promise.allSettled([
        apply('replica-a'),
        apply('replica-b'),
      ]);

      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      const [lost] = results.filter(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      expect(lost.reason).toBeInstanceOf(RequestConflictError);
      const { events } = (await store.getRequest({ id }))!;
      expect(events.map(e => e.type)).toEqual(['created', 'apply-started']);
    });

    it('appends events in order, and only to requests that exist', async () => {
      const { store } = await createStore(databaseId);
      const { id } = await store.createRequest({
        spec: baseSpec(),
        requestedBy: olivia,
        status: 'approved',
        plan: plan(),
      });
      for (const step of [
        'identity',
        'federated-credential',
        'role-assignment-1',
      ]) {
        await store.appendEvent({
          requestId: id,
          type: 'step-applied',
          actor: 'plugin:azure-workload-identity',
          detail: { step },
        });
      }
      const { events } = (await store.getRequest({ id }))!;
      expect(events.map(e => e.detail?.step ?? e.type)).toEqual([
        'created',
        'identity',
        'federated-credential',
        'role-assignment-1',
      ]);
      await expect(
        store.appendEvent({ requestId: 'nope', type: 'x', actor: olivia }),
      ).rejects.toThrow(RequestNotFoundError);
    });
  });
});

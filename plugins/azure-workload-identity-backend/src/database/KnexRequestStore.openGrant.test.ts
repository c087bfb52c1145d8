import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { AccessRequestSpec } from '@backstage-community/plugin-azure-workload-identity-common';
import { Knex } from 'knex';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { baseSpec, CONTAINER, VAULT } from '../__testUtils__/world';
import { Plan } from '../planning/Plan';
import { RequestConflictError } from '../requests/errors';
import { RequestStatus } from '../requests/types';
import { KnexApplyStore } from './KnexApplyStore';
import { KnexRequestStore } from './KnexRequestStore';
import { migrateDatabase } from './migrateDatabase';
import { GrantAlreadyOpenError } from './RequestStore';

jest.setTimeout(60_000);

const olivia = 'user:default/olivia-orders';
const peter = 'user:default/peter-platform';

const plan: Plan = {
  planHash: 'sha256:aaa',
  steps: [],
  requiresApproval: false,
  approvalReasons: [],
  notes: [],
};

describe('KnexRequestStore: one open request per grant', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    const store = new KnexRequestStore({ knex });
    const create = (
      spec: AccessRequestSpec,
      status: 'approved' | 'pending-approval' = 'approved',
    ) => store.createRequest({ spec, requestedBy: olivia, status, plan });
    return { knex, store, create };
  }

  const rows = async (knex: Knex, table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('answers a second request for the same grant with the open one, however it is spelled', async () => {
      const { knex, create } = await createStore(databaseId);
      const first = await create(baseSpec(), 'pending-approval');

      // Same component, cluster, namespace, service account and access; only the wording,
      // order and the details that do not change the grant differ.
      const again = await create(
        baseSpec({
          entityRef: 'Component:Default/Orders-Api',
          environment: 'production',
          justification: 'asking again',
          expiresAt: '2027-01-31T00:00:00Z',
          identity: { name: 'id-other' },
          resources: [
            { resourceId: VAULT.toUpperCase(), intent: 'read' },
            { resourceId: CONTAINER, intent: 'read' },
          ],
        }),
      );

      expect(first.created).toBe(true);
      expect(again).toMatchObject({
        id: first.id,
        created: false,
        status: 'pending-approval',
      });
      expect(await rows(knex, 'awi_requests')).toBe(1);
      expect(await rows(knex, 'awi_request_events')).toBe(1);
    });

    it('keeps requests for different grants apart', async () => {
      const { knex, create } = await createStore(databaseId);
      const variants = [
        baseSpec(),
        baseSpec({ serviceAccountName: 'orders-worker' }),
        baseSpec({ namespace: 'orders-batch' }),
        baseSpec({ cluster: 'aks-dev' }),
        baseSpec({ entityRef: 'component:default/billing' }),
        baseSpec({ resources: [{ resourceId: VAULT, intent: 'read' }] }),
        baseSpec({
          resources: [
            { resourceId: CONTAINER, intent: 'write' },
            { resourceId: VAULT, intent: 'read' },
          ],
        }),
        baseSpec({
          resources: [
            { resourceId: CONTAINER, role: 'Storage Blob Data Reader' },
            { resourceId: VAULT, intent: 'read' },
          ],
        }),
      ];
      const ids = new Set<string>();
      for (const spec of variants) {
        const result = await create(spec);
        expect(result.created).toBe(true);
        ids.add(result.id);
      }
      expect(ids.size).toBe(variants.length);
      expect(await rows(knex, 'awi_requests')).toBe(variants.length);
    });

    it('lets a new request through once the open one is closed, whichever way it closed', async () => {
      const { knex, store, create } = await createStore(databaseId);
      const applyStore = new KnexApplyStore({ knex });
      const move = (id: string, from: RequestStatus, to: RequestStatus) =>
        store.transition({ id, from, to, actor: peter, type: to });
      const applied = async (id: string, to: 'active' | 'failed') => {
        await applyStore.claim({ id, owner: 'replica-a', leaseMs: 60_000 });
        await applyStore.finish({
          id,
          owner: 'replica-a',
          to,
          planHash: plan.planHash,
        });
      };
      const closings: [
        RequestStatus,
        'pending-approval' | 'approved',
        (id: string) => Promise<unknown>,
      ][] = [
        [
          'rejected',
          'pending-approval',
          id => move(id, 'pending-approval', 'rejected'),
        ],
        ['cancelled', 'approved', id => move(id, 'approved', 'cancelled')],
        ['failed', 'approved', id => applied(id, 'failed')],
        // Revoking already gives the grant up; one stuck there must not block a new request.
        [
          'revoking',
          'approved',
          async id => {
            await applied(id, 'active');
            await move(id, 'active', 'revoking');
          },
        ],
        [
          'revoked',
          'approved',
          async id => {
            await applied(id, 'active');
            await move(id, 'active', 'revoking');
            await move(id, 'revoking', 'revoked');
          },
        ],
      ];

      const seen = new Set<string>();
      for (const [status, initial, close] of closings) {
        const open = await create(baseSpec(), initial);
        expect(open.created).toBe(true);
        seen.add(open.id);
        await close(open.id);
        expect((await store.getRequest({ id: open.id }))!.status).toBe(status);
      }
      expect(seen.size).toBe(closings.length);
      expect((await create(baseSpec())).created).toBe(true);
      expect(await rows(knex, 'awi_requests')).toBe(closings.length + 1);
    });

    it('reopens a retried request, unless another request for its grant is open by then', async () => {
      const { knex, store, create } = await createStore(databaseId);
      const applyStore = new KnexApplyStore({ knex });
      const failed = await create(baseSpec());
      await applyStore.claim({
        id: failed.id,
        owner: 'replica-a',
        leaseMs: 60_000,
      });
      await applyStore.finish({
        id: failed.id,
        owner: 'replica-a',
        to: 'failed',
        planHash: plan.planHash,
      });
      const retry = () =>
        store.transition({
          id: failed.id,
          from: 'failed',
          to: 'approved',
          actor: olivia,
          type: 'retried',
          planHash: plan.planHash,
        });

      const newer = await create(baseSpec());
      expect(newer.created).toBe(true);
      const refused = await retry().catch(error => error);
      expect(refused).toBeInstanceOf(GrantAlreadyOpenError);
      expect(refused).toBeInstanceOf(RequestConflictError);
      expect(refused.message).toContain(`request '${newer.id}'`);
      expect((await store.getRequest({ id: failed.id }))!.status).toBe(
        'failed',
      );

      await store.transition({
        id: newer.id,
        from: 'approved',
        to: 'cancelled',
        actor: olivia,
        type: 'cancelled',
      });
      expect((await retry()).status).toBe('approved');
      // Open again, it holds the grant again.
      expect(await create(baseSpec())).toMatchObject({
        id: failed.id,
        created: false,
      });
    });

    it('stores one request when thirty identical ones arrive at once', async () => {
      const { knex, create } = await createStore(databaseId);

      const results = await Promise.all(
        Array.from({ length: 30 }, () => create(baseSpec())),
      );

      expect(new Set(results.map(r => r.id)).size).toBe(1);
      expect(results.filter(r => r.created)).toHaveLength(1);
      expect(await rows(knex, 'awi_requests')).toBe(1);
      expect(await rows(knex, 'awi_request_events')).toBe(1);
    });
  });
});

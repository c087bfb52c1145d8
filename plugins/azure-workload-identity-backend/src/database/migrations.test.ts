import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { baseSpec } from '../__testUtils__/world';
import { KnexRequestStore } from './KnexRequestStore';
import { migrationsDirectory } from './migrateDatabase';
import { openGrantKey } from './openGrantKey';

jest.setTimeout(60_000);

const migrationConfig = { directory: migrationsDirectory };

async function tables(knex: Knex): Promise<string[]> {
  const names: string[] = [];
  for (const table of ['awi_requests', 'awi_request_events']) {
    if (await knex.schema.hasTable(table)) names.push(table);
  }
  return names;
}

async function indexExists(knex: Knex, name: string): Promise<boolean> {
  if (knex.client.config.client === 'pg') {
    const result = await knex.raw(
      'SELECT 1 FROM pg_indexes WHERE indexname = ?',
      [name],
    );
    return result.rows.length > 0;
  }
  const rows = await knex('sqlite_master').where({ type: 'index', name });
  return rows.length > 0;
}

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'creates the request and event tables and drops them again, %p',
    async (databaseId: TestDatabaseId) => {
      const knex = await databases.init(databaseId);

      await knex.migrate.latest(migrationConfig);
      expect(await tables(knex)).toEqual([
        'awi_requests',
        'awi_request_events',
      ]);

      await knex('awi_requests').insert({
        id: 'req-1',
        entity_ref: 'component:default/orders-api',
        requested_by: 'user:default/olivia-orders',
        status: 'pending-approval',
        cluster: 'aks-prod',
        namespace: 'orders',
        service_account: 'orders-api',
        spec: JSON.stringify({ resources: [] }),
        plan_hash: 'sha256:abc',
      });
      await knex('awi_request_events').insert({
        request_id: 'req-1',
        type: 'created',
        actor: 'user:default/olivia-orders',
        plan_hash: 'sha256:abc',
      });
      const events = await knex('awi_request_events').where({
        request_id: 'req-1',
      });
      expect(events).toHaveLength(1);
      expect(events[0].created_at).toBeTruthy();

      // Events belong to their request: deleting the request removes its trail too.
      await knex('awi_requests').where({ id: 'req-1' }).delete();
      expect(
        Number((await knex('awi_request_events').count({ n: '*' }))[0].n),
      ).toBe(0);

      await knex.migrate.rollback(migrationConfig, true);
      expect(await tables(knex)).toEqual([]);

      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'adds and removes the requester index one step at a time, %p',
    async (databaseId: TestDatabaseId) => {
      const knex = await databases.init(databaseId);
      const index = 'awi_requests_requested_by_idx';

      await knex.migrate.up(migrationConfig);
      expect(await tables(knex)).toHaveLength(2);
      expect(await indexExists(knex, index)).toBe(false);

      await knex.migrate.up(migrationConfig);
      expect(await indexExists(knex, index)).toBe(true);

      // Down one step keeps the tables and their rows; only the index goes.
      await knex('awi_requests').insert({
        id: 'req-1',
        entity_ref: 'component:default/orders-api',
        requested_by: 'user:default/olivia-orders',
        status: 'approved',
        cluster: 'aks-prod',
        namespace: 'orders',
        service_account: 'orders-api',
        spec: '{}',
      });
      await knex.migrate.down(migrationConfig);
      expect(await indexExists(knex, index)).toBe(false);
      expect(await knex('awi_requests').pluck('id')).toEqual(['req-1']);

      await knex.migrate.down(migrationConfig);
      expect(await tables(knex)).toEqual([]);

      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'adds apply leases and identity locks, and takes them away again, %p',
    async (databaseId: TestDatabaseId) => {
      const knex = await databases.init(databaseId);
      await knex.migrate.up(migrationConfig);
      await knex.migrate.up(migrationConfig);
      expect(await knex.schema.hasColumn('awi_requests', 'lease_owner')).toBe(
        false,
      );

      await knex.migrate.up(migrationConfig);
      expect(await knex.schema.hasTable('awi_identity_locks')).toBe(true);
      // Epoch milliseconds beyond 2^31 must survive the round trip on both databases.
      const expiresAt = Date.UTC(2030, 0, 1);
      await knex('awi_requests').insert({
        id: 'req-1',
        entity_ref: 'component:default/orders-api',
        requested_by: 'user:default/olivia-orders',
        status: 'applying',
        cluster: 'aks-prod',
        namespace: 'orders',
        service_account: 'orders-api',
        spec: '{}',
        lease_owner: 'replica-a',
        lease_expires_at: expiresAt,
      });
      const row = await knex('awi_requests').where({ id: 'req-1' }).first();
      expect(Number(row.lease_expires_at)).toBe(expiresAt);
      await knex('awi_identity_locks').insert({
        lock_key: '/subscriptions/x/identity',
        owner: 'replica-a',
        expires_at: expiresAt,
      });
      await expect(
        knex('awi_identity_locks').insert({
          lock_key: '/subscriptions/x/identity',
          owner: 'replica-b',
          expires_at: expiresAt,
        }),
      ).rejects.toThrow();

      await knex.migrate.down(migrationConfig);
      expect(await knex.schema.hasTable('awi_identity_locks')).toBe(false);
      expect(await knex.schema.hasColumn('awi_requests', 'lease_owner')).toBe(
        false,
      );
      expect(await knex('awi_requests').pluck('id')).toEqual(['req-1']);

      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    "records each request's identity, filling it in from existing plans, %p",
    async (databaseId: TestDatabaseId) => {
      const knex = await databases.init(databaseId);
      for (let i = 0; i < 3; i++) await knex.migrate.up(migrationConfig);
      const identity =
        '/subscriptions/S/resourceGroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-orders';
      const row = (id: string, plan: string | null) => ({
        id,
        entity_ref: 'component:default/orders-api',
        requested_by: 'user:default/olivia-orders',
        status: 'active',
        cluster: 'aks-prod',
        namespace: 'orders',
        service_account: 'orders-api',
        spec: '{}',
        plan,
      });
      await knex('awi_requests').insert([
        row(
          'req-1',
          JSON.stringify({
            steps: [{ kind: 'ensure-identity', resourceId: identity }],
          }),
        ),
        row('req-2', null),
        row('req-3', '{not json'),
      ]);

      await knex.migrate.up(migrationConfig);
      expect(
        await knex('awi_requests').orderBy('id').select('id', 'identity_id'),
      ).toEqual([
        { id: 'req-1', identity_id: identity.toLowerCase() },
        { id: 'req-2', identity_id: null },
        { id: 'req-3', identity_id: null },
      ]);
      expect(await indexExists(knex, 'awi_requests_identity_id_idx')).toBe(
        true,
      );

      await knex.migrate.down(migrationConfig);
      expect(await knex.schema.hasColumn('awi_requests', 'identity_id')).toBe(
        false,
      );
      expect(await knex('awi_requests').orderBy('id').pluck('id')).toEqual([
        'req-1',
        'req-2',
        'req-3',
      ]);

      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'keys each open request by its grant, the newest of duplicates only, and drops the key again, %p',
    async (databaseId: TestDatabaseId) => {
      const knex = await databases.init(databaseId);
      for (let i = 0; i < 4; i++) await knex.migrate.up(migrationConfig);
      const spec = baseSpec();
      const row = (
        id: string,
        status: string,
        createdAt: string,
        specJson = JSON.stringify(spec),
      ) => ({
        id,
        entity_ref: spec.entityRef,
        requested_by: 'user:default/olivia-orders',
        status,
        cluster: spec.cluster,
        namespace: spec.namespace,
        service_account: spec.serviceAccountName,
        spec: specJson,
        created_at: createdAt,
      });
      // Ids sort against creation time here, so only the time can pick the newest.
      await knex('awi_requests').insert([
        row('req-1', 'active', '2026-03-01 00:00:00'),
        row('req-2', 'pending-approval', '2026-02-01 00:00:00'),
        row('req-3', 'revoked', '2026-04-01 00:00:00'),
        row(
          'req-4',
          'approved',
          '2026-01-01 00:00:00',
          JSON.stringify(baseSpec({ serviceAccountName: 'orders-worker' })),
        ),
        row('req-5', 'applying', '2026-01-01 00:00:00', '{not json'),
      ]);

      await knex.migrate.up(migrationConfig);
      expect(
        await knex('awi_requests').orderBy('id').select('id', 'open_grant_key'),
      ).toEqual([
        { id: 'req-1', open_grant_key: openGrantKey(spec) },
        { id: 'req-2', open_grant_key: null },
        { id: 'req-3', open_grant_key: null },
        {
          id: 'req-4',
          open_grant_key: openGrantKey(
            baseSpec({ serviceAccountName: 'orders-worker' }),
          ),
        },
        { id: 'req-5', open_grant_key: null },
      ]);
      expect(await indexExists(knex, 'awi_requests_open_grant_key_idx')).toBe(
        true,
      );
      // The store computes the same key: the same grant asked again finds the migrated row.
      const again = await new KnexRequestStore({ knex }).createRequest({
        spec,
        requestedBy: 'user:default/olivia-orders',
        status: 'approved',
        plan: {
          planHash: 'sha256:abc',
          steps: [],
          requiresApproval: false,
          approvalReasons: [],
          notes: [],
        },
      });
      expect(again).toMatchObject({ id: 'req-1', created: false });

      await knex.migrate.down(migrationConfig);
      expect(
        await knex.schema.hasColumn('awi_requests', 'open_grant_key'),
      ).toBe(false);
      expect(await indexExists(knex, 'awi_requests_open_grant_key_idx')).toBe(
        false,
      );
      expect(await knex('awi_requests').orderBy('id').pluck('id')).toEqual([
        'req-1',
        'req-2',
        'req-3',
        'req-4',
        'req-5',
      ]);

      await knex.destroy();
    },
  );
});

import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { baseSpec } from '../__testUtils__/world';
import { KnexApplyStore } from '../database/KnexApplyStore';
import { KnexIdentityLocks } from '../database/KnexIdentityLocks';
import { KnexRequestStore } from '../database/KnexRequestStore';
import { migrateDatabase } from '../database/migrateDatabase';
import {
  approvedRequest,
  fakeWorld,
  replica,
} from '../provisioning/__testUtils__/provisionerHarness';
import { revokeExpired } from './revokeExpired';
import { Revoker } from './Revoker';

jest.setTimeout(60_000);

describe('revokeExpired', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'revokes the active requests past their expiry and leaves the rest, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      const world = fakeWorld();
      const store = new KnexRequestStore({ knex });
      const provisioner = replica({ knex, world, owner: 'a' });
      const expiring = await approvedRequest(
        knex,
        baseSpec({ expiresAt: '2027-01-10T00:00:00.000Z' }),
      );
      const later = await approvedRequest(
        knex,
        baseSpec({
          serviceAccountName: 'orders-worker',
          expiresAt: '2027-06-01T00:00:00.000Z',
        }),
      );
      const forever = await approvedRequest(
        knex,
        baseSpec({ serviceAccountName: 'orders-batch' }),
      );
      for (const id of [expiring, later, forever]) {
        expect((await provisioner.apply(id)).outcome).toBe('active');
      }
      const revoker = new Revoker({
        store,
        applied: new KnexApplyStore({ knex }),
        azure: world.azure,
        serviceAccountTeardownFor: () => world.serviceAccounts,
        locks: new KnexIdentityLocks({ knex }),
        clock: world.clock,
        logger: mockServices.logger.mock(),
      });

      const count = await revokeExpired({
        store,
        revoker,
        logger: mockServices.logger.mock(),
        now: new Date('2027-02-01T00:00:00.000Z'),
      });

      expect(count).toBe(1);
      const status = async (id: string) =>
        (await store.getRequest({ id }))!.status;
      expect(await status(expiring)).toBe('revoked');
      expect(await status(later)).toBe('active');
      expect(await status(forever)).toBe('active');
      const events = (await store.getRequest({ id: expiring }))!.events;
      expect(events.find(e => e.type === 'revoke-started')).toMatchObject({
        actor: 'plugin:azure-workload-identity',
        detail: { reason: expect.stringMatching(/^expired/) },
      });
      await knex.destroy();
    },
  );
});

import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { baseSpec } from '../__testUtils__/world';
import { KnexRequestStore } from '../database/KnexRequestStore';
import { migrateDatabase } from '../database/migrateDatabase';
import {
  RequestNotifier,
  silentNotifier,
} from '../notifications/RequestNotifier';
import { approvedRequest } from '../provisioning/__testUtils__/provisionerHarness';
import { remindExpiring } from './remindExpiring';

jest.setTimeout(60_000);

/** A notifier that writes down who was told what. */
function recordingNotifier() {
  const told: string[] = [];
  const notifier: RequestNotifier = {
    ...silentNotifier,
    expiring: async (request, inWords) => {
      told.push(`${request.spec.serviceAccountName} in ${inWords}`);
    },
  };
  return { notifier, told };
}

describe('remindExpiring', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'tells the requester a week and a day before expiry, each once, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      const store = new KnexRequestStore({ knex });
      const activate = async (
        serviceAccountName: string,
        expiresAt?: string,
      ) => {
        const id = await approvedRequest(
          knex,
          baseSpec({ serviceAccountName, expiresAt }),
        );
        for (const [from, to] of [
          ['approved', 'applying'],
          ['applying', 'active'],
        ] as const) {
          await store.transition({ id, from, to, actor: 'test', type: to });
        }
        return id;
      };
      await activate('orders-api', '2027-01-10T00:00:00.000Z');
      await activate('orders-worker', '2027-03-01T00:00:00.000Z');
      await activate('orders-batch');
      const { notifier, told } = recordingNotifier();
      const run = (now: string) =>
        remindExpiring({
          store,
          notifier,
          logger: mockServices.logger.mock(),
          now: new Date(now),
        });

      // Three weeks out: nothing yet.
      expect(await run('2026-12-20T00:00:00.000Z')).toBe(0);
      // Six days out: the week notice, once however often the task runs.
      expect(await run('2027-01-04T00:00:00.000Z')).toBe(1);
      expect(await run('2027-01-04T06:00:00.000Z')).toBe(0);
      // Twelve hours out: the day notice, once.
      expect(await run('2027-01-09T12:00:00.000Z')).toBe(1);
      expect(await run('2027-01-09T18:00:00.000Z')).toBe(0);
      expect(told).toEqual(['orders-api in a week', 'orders-api in a day']);

      const [request] = (await store.listRequests({ limit: 10 })).items.filter(
        r => r.serviceAccountName === 'orders-api',
      );
      const events = (await store.getRequest({ id: request.id }))!.events;
      expect(
        events
          .filter(e => e.type === 'expiry-reminded')
          .map(e => e.detail?.notice),
      ).toEqual(['week', 'day']);
    },
  );

  it.each(databases.eachSupportedId())(
    'sends only the day notice to a request first seen within a day of expiry, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      const store = new KnexRequestStore({ knex });
      const id = await approvedRequest(
        knex,
        baseSpec({ expiresAt: '2027-01-10T00:00:00.000Z' }),
      );
      await store.transition({
        id,
        from: 'approved',
        to: 'applying',
        actor: 't',
        type: 'x',
      });
      await store.transition({
        id,
        from: 'applying',
        to: 'active',
        actor: 't',
        type: 'x',
      });
      const { notifier, told } = recordingNotifier();
      const logger = mockServices.logger.mock();
      await remindExpiring({
        store,
        notifier,
        logger,
        now: new Date('2027-01-09T20:00:00.000Z'),
      });
      await remindExpiring({
        store,
        notifier,
        logger,
        now: new Date('2027-01-09T22:00:00.000Z'),
      });
      expect(told).toEqual(['orders-api in a day']);
    },
  );
});

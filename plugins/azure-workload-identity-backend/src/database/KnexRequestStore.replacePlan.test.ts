import { TestDatabases } from '@backstage/backend-test-utils';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { baseSpec } from '../__testUtils__/world';
import { Plan } from '../planning/Plan';
import { RequestConflictError } from '../requests/errors';
import { KnexRequestStore } from './KnexRequestStore';
import { migrateDatabase } from './migrateDatabase';

jest.setTimeout(60_000);

const plan = (planHash: string): Plan => ({
  planHash,
  steps: [],
  requiresApproval: true,
  approvalReasons: [],
  notes: [],
});

describe('KnexRequestStore.replacePlan', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'swaps the plan only while the request still has the plan the caller read, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      const store = new KnexRequestStore({ knex });
      const { id } = await store.createRequest({
        spec: baseSpec(),
        requestedBy: 'user:default/olivia-orders',
        status: 'pending-approval',
        plan: plan('sha256:old'),
      });

      const replaced = await store.replacePlan({
        id,
        from: 'pending-approval',
        expectedPlanHash: 'sha256:old',
        to: 'pending-approval',
        plan: plan('sha256:new'),
        actor: 'plugin:azure-workload-identity',
        type: 'plan-changed',
        detail: { changes: ['identity: action was create, now adopt'] },
      });
      expect(replaced.planHash).toBe('sha256:new');
      expect(replaced.plan?.planHash).toBe('sha256:new');

      // A second caller still holding the old plan loses.
      await expect(
        store.replacePlan({
          id,
          from: 'pending-approval',
          expectedPlanHash: 'sha256:old',
          to: 'pending-approval',
          plan: plan('sha256:other'),
          actor: 'plugin:azure-workload-identity',
          type: 'plan-changed',
        }),
      ).rejects.toBeInstanceOf(RequestConflictError);

      const events = (await store.getRequest({ id }))!.events;
      expect(events.map(e => e.type)).toEqual(['created', 'plan-changed']);
      expect(events[1]).toMatchObject({
        planHash: 'sha256:new',
        detail: {
          previousPlanHash: 'sha256:old',
          changes: ['identity: action was create, now adopt'],
        },
      });
      await knex.destroy();
    },
  );
});

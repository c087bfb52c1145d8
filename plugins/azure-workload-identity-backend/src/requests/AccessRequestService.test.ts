import { TestDatabases } from '@backstage/backend-test-utils';
import { AccessRequestSpec } from '@backstage-community/plugin-azure-workload-identity-common';
import { baseSpec, productionSpec } from '../__testUtils__/world';
import { KnexRequestStore } from '../database/KnexRequestStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { silentNotifier } from '../notifications/RequestNotifier';
import { PlanOutcome } from '../planning/Plan';
import { Planner } from '../planning/Planner';
import { AccessRequestService } from './AccessRequestService';

jest.setTimeout(60_000);

const olivia = 'user:default/olivia-orders';

// Production needs an approver, anything else is approved at once: enough to tell the paths.
const planner = {
  plan: async (spec: AccessRequestSpec): Promise<PlanOutcome> => {
    const production = spec.environment === 'production';
    return {
      ok: true,
      plan: {
        planHash: 'sha256:aaa',
        steps: [],
        requiresApproval: production,
        approvalReasons: production
          ? [{ code: 'production', message: 'production needs approval' }]
          : [],
        notes: [],
      },
    };
  },
} as Pick<Planner, 'plan'> as Planner;

describe('AccessRequestService.create', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function service() {
    const knex = await databases.init('SQLITE_3');
    await migrateDatabase(knex);
    const awaitingApproval: string[] = [];
    const started: string[] = [];
    const requests = new AccessRequestService({
      planner,
      store: new KnexRequestStore({ knex }),
      startApply: id => started.push(id),
      notifier: {
        ...silentNotifier,
        awaitingApproval: async request => {
          awaitingApproval.push(request.id);
        },
      },
    });
    return { requests, awaitingApproval, started };
  }

  it('asks the approvers once, however often the same grant is requested', async () => {
    const { requests, awaitingApproval, started } = await service();
    const spec = productionSpec();

    const { request: first, created } = await requests.create({
      spec,
      requestedBy: olivia,
    });
    const { request: again, created: createdAgain } = await requests.create({
      spec,
      requestedBy: olivia,
    });

    expect([created, createdAgain]).toEqual([true, false]);
    expect(first.status).toBe('pending-approval');
    expect(again.id).toBe(first.id);
    expect(again.events.map(e => e.type)).toEqual(['created']);
    expect(awaitingApproval).toEqual([first.id]);
    expect(started).toEqual([]);
  });

  it('starts applying an auto-approved grant once, however often it is requested', async () => {
    const { requests, awaitingApproval, started } = await service();

    const results = await Promise.all(
      [1, 2, 3].map(() =>
        requests.create({ spec: baseSpec(), requestedBy: olivia }),
      ),
    );

    expect(new Set(results.map(r => r.request.id)).size).toBe(1);
    expect(results.filter(r => r.created)).toHaveLength(1);
    expect(started).toEqual([results[0].request.id]);
    expect(awaitingApproval).toEqual([]);
  });
});

import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { baseSpec, healthyWorld } from '../__testUtils__/world';
import { KnexRequestStore } from '../database/KnexRequestStore';
import { migrateDatabase } from '../database/migrateDatabase';
import {
  approvedRequest,
  FakeWorld,
  fakeWorld,
  replica,
} from './__testUtils__/provisionerHarness';
import { ProvisionerFaultHooks } from './Provisioner';

jest.setTimeout(120_000);

const STEPS = [
  'identity',
  'federated-credential',
  'role-assignment-1',
  'role-assignment-2',
  'service-account',
  'verify',
];
const LEASE_MS = 30_000;

/**
 * Hooks that freeze the run at one step, as if the process were killed there: from then on
 * every step of the replica stops at its next hook too, as its siblings would die with it.
 */
function killAt(
  stepId: string,
  point: keyof ProvisionerFaultHooks,
): { hooks: ProvisionerFaultHooks; reached: Promise<void> } {
  let dead = false;
  let reached!: () => void;
  const promise = new Promise<void>(resolve => {
    reached = resolve;
  });
  const hook =
    (at: keyof ProvisionerFaultHooks) =>
    async (_requestId: string, step: string) => {
      if (!dead && !(at === point && step === stepId)) return;
      dead = true;
      reached();
      await new Promise(() => {});
    };
  return {
    hooks: {
      beforeStep: hook('beforeStep'),
      afterStepEffect: hook('afterStepEffect'),
    },
    reached: promise,
  };
}

function expectWholeChainOnce(world: FakeWorld) {
  expect(world.azure.identities.size).toBe(1);
  expect(world.azure.federatedCredentials.size).toBe(1);
  expect(world.azure.assignments.size).toBe(2);
  expect(world.serviceAccounts.accounts.size).toBe(1);
}

describe('Provisioner after a crash', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  async function database(id: TestDatabaseId) {
    const knex = await databases.init(id);
    await migrateDatabase(knex);
    return knex;
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const points: Array<keyof ProvisionerFaultHooks> = [
      'beforeStep',
      'afterStepEffect',
    ];
    const cases = STEPS.flatMap(step => points.map(point => [step, point]));

    it.each(cases)(
      'killed at %s (%s), another replica finishes it with nothing duplicated',
      async (step, point) => {
        const knex = await database(databaseId);
        const world = fakeWorld();
        const id = await approvedRequest(knex);

        const kill = killAt(step, point as keyof ProvisionerFaultHooks);
        const doomed = replica({
          knex,
          world,
          owner: 'replica-a',
          faultHooks: kill.hooks,
          leaseMs: LEASE_MS,
        });
        void doomed.apply(id);
        await kill.reached;
        doomed.stop();
        // Let the steps running beside the killed one reach their own hook and stop.
        await new Promise(resolve => setTimeout(resolve, 50));

        // While the dead replica's lease runs, nobody may take the request.
        const survivor = replica({ knex, world, owner: 'replica-b' });
        expect(await survivor.applyPending()).toBe(0);

        world.clock.advance(LEASE_MS + 1);
        expect(await survivor.applyPending()).toBe(1);

        const request = await new KnexRequestStore({ knex }).getRequest({ id });
        expect(request?.status).toBe('active');
        expect(request!.events.map(e => e.type)).toContain('apply-resumed');
        expectWholeChainOnce(world);
        // Only an effect that happened but was not recorded is done again, by name.
        expect(
          world.azure.calls.filter(c => c.startsWith('identity')),
        ).toHaveLength(
          step === 'identity' && point === 'afterStepEffect' ? 2 : 1,
        );
        await knex.destroy();
      },
    );

    it('two replicas on one database apply eight requests together, each exactly once', async () => {
      const knex = await database(databaseId);
      // PostgreSQL: a second connection pool, as a second process would have. SQLite in
      // memory cannot be shared between pools, so both replicas use the one connection.
      const other: Knex =
        databaseId === 'SQLITE_3' ? knex : knexFactory(knex.client.config);
      const world = fakeWorld();
      world.azure.ficWriteMs = 3;
      world.azure.principalNotFoundCalls = 4;
      const preflight = healthyWorld();
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) {
        preflight.ownNamespace(
          'aks-prod',
          `team-${i}`,
          'group:default/team-orders',
        );
        ids.push(
          await approvedRequest(
            knex,
            baseSpec({
              namespace: `team-${i}`,
              identity: { name: i % 2 ? 'id-odd' : 'id-even' },
            }),
            preflight,
          ),
        );
      }

      const a = replica({ knex, world, owner: 'replica-a' });
      const b = replica({ knex: other, world, owner: 'replica-b' });
      const [finishedByA, finishedByB] = await Promise.all([
        a.applyPending(),
        b.applyPending(),
      ]);

      expect(finishedByA + finishedByB).toBe(8);
      const store = new KnexRequestStore({ knex });
      for (const id of ids) {
        const request = await store.getRequest({ id });
        expect(request?.status).toBe('active');
        // One claim per request: the loser of each race never started it.
        expect(
          request!.events.filter(e => e.type === 'apply-started'),
        ).toHaveLength(1);
      }
      expect(world.azure.identities.size).toBe(2);
      expect(world.azure.federatedCredentials.size).toBe(8);
      expect(world.serviceAccounts.accounts.size).toBe(8);
      if (other !== knex) await other.destroy();
      await knex.destroy();
    });
  });
});

import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import {
  baseSpec,
  CONTAINER,
  VAULT,
  productionSpec,
  healthyWorld,
  IDENTITY_ID,
} from '../__testUtils__/world';
import { plannerFor } from '../__testUtils__/planner';
import { KnexRequestStore } from '../database/KnexRequestStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { DriftCheck } from './checkDrift';
import {
  approvedRequest,
  fakeWorld,
  replica,
} from './__testUtils__/provisionerHarness';

jest.setTimeout(60_000);

describe('Provisioner', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  async function database(id: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(id);
    await migrateDatabase(knex);
    return knex;
  }

  const read = (knex: Knex, id: string) =>
    new KnexRequestStore({ knex }).getRequest({ id });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('builds the whole chain and ends the request active, with every step on the timeline', async () => {
      const knex = await database(databaseId);
      const world = fakeWorld();
      const id = await approvedRequest(knex);

      const result = await replica({ knex, world, owner: 'a' }).apply(id);

      expect(result.outcome).toBe('active');
      const [identity] = world.azure.identities.values();
      expect(identity.tags).toMatchObject({
        'backstage-entity-ref': 'component:default/orders-api',
        'backstage-request-id': id,
        'managed-by': 'backstage-azure-workload-identity',
      });
      expect([...world.azure.federatedCredentials.values()]).toEqual([
        expect.objectContaining({
          identityResourceId: identity.resourceId,
          subject: 'system:serviceaccount:orders:orders-api',
          audiences: ['api://AzureADTokenExchange'],
        }),
      ]);
      expect(world.azure.assignments.size).toBe(2);
      for (const assignment of world.azure.assignments.values()) {
        expect(assignment.principalId).toBe(identity.principalId);
      }
      expect(
        world.serviceAccounts.accounts.get('aks-prod/orders/orders-api')
          ?.annotations,
      ).toMatchObject({
        'azure.workload.identity/client-id': identity.clientId,
      });

      const request = await read(knex, id);
      expect(request?.status).toBe('active');
      const applied = request!.events
        .filter(e => e.type === 'step-applied')
        .map(e => e.detail?.step);
      expect(applied).toEqual(
        expect.arrayContaining([
          'identity',
          'federated-credential',
          'role-assignment-1',
          'role-assignment-2',
          'service-account',
          'verify',
        ]),
      );
      expect(request!.events.at(-1)?.type).toBe('apply-completed');
      await knex.destroy();
    });

    it('applies an identical request again without creating anything new', async () => {
      const knex = await database(databaseId);
      const world = fakeWorld();
      await replica({ knex, world, owner: 'a' }).apply(
        await approvedRequest(knex),
      );
      const before = {
        identities: world.azure.identities.size,
        fics: world.azure.federatedCredentials.size,
        assignments: [...world.azure.assignments.keys()],
      };

      // Planned from the same pre-flight, it says "create" again: the steps themselves must
      // find what the first run made (by name) instead of duplicating it. Asked with
      // permissions rather than intents, it is another request (one open request per grant)
      // that compiles to the very same roles.
      const again = await approvedRequest(
        knex,
        baseSpec({
          resources: [
            { resourceId: CONTAINER, permissions: ['blob.read'] },
            { resourceId: VAULT, permissions: ['secrets.read'] },
          ],
        }),
      );
      expect(
        (await replica({ knex, world, owner: 'a' }).apply(again)).outcome,
      ).toBe('active');

      expect(world.azure.identities.size).toBe(before.identities);
      expect(world.azure.federatedCredentials.size).toBe(before.fics);
      expect([...world.azure.assignments.keys()]).toEqual(before.assignments);
      await knex.destroy();
    });

    it('waits out a principal that has not replicated yet, noting it on the timeline', async () => {
      const knex = await database(databaseId);
      const world = fakeWorld();
      world.azure.principalNotFoundCalls = 3;
      const id = await approvedRequest(knex);

      const result = await replica({ knex, world, owner: 'a' }).apply(id);

      expect(result.outcome).toBe('active');
      expect(world.azure.assignments.size).toBe(2);
      const retries = (await read(knex, id))!.events.filter(
        e => e.type === 'step-retrying',
      );
      expect(retries.length).toBeGreaterThanOrEqual(3);
      expect(retries[0].detail?.reason).toMatch(/not replicated/);
      await knex.destroy();
    });

    it('fails the request with a clear reason when the principal never appears', async () => {
      const knex = await database(databaseId);
      const world = fakeWorld();
      world.azure.principalNotFoundCalls = 10_000;
      const id = await approvedRequest(knex);

      const result = await replica({ knex, world, owner: 'a' }).apply(id);

      expect(result.outcome).toBe('failed');
      const request = await read(knex, id);
      expect(request?.status).toBe('failed');
      expect(request!.events.at(-1)).toMatchObject({
        type: 'apply-failed',
        detail: expect.objectContaining({
          code: 'PrincipalNotFound',
          error: expect.stringMatching(/still does not know principal/),
        }),
      });
      // The identity and credential made before the failure stay for a retry to adopt.
      expect(world.azure.identities.size).toBe(1);
      expect(world.azure.federatedCredentials.size).toBe(1);
      await knex.destroy();
    });

    it('verifies until the new credential is honoured, and fails past the deadline with the AADSTS code', async () => {
      const knex = await database(databaseId);
      const world = fakeWorld();
      world.probe.propagationCalls = 2;
      const first = await approvedRequest(knex);
      expect(
        (await replica({ knex, world, owner: 'a' }).apply(first)).outcome,
      ).toBe('active');
      expect(world.probe.calls).toHaveLength(3);

      world.probe.propagationCalls = 1_000_000;
      const second = await approvedRequest(
        knex,
        baseSpec({ serviceAccountName: 'orders-worker' }),
      );
      const result = await replica({ knex, world, owner: 'a' }).apply(second);
      expect(result.outcome).toBe('failed');
      const last = (await read(knex, second))!.events.at(-1);
      expect(last?.detail).toMatchObject({ code: 'AADSTS700213' });
      await knex.destroy();
    });

    it('hands back the manifest for a cluster in GitOps mode and defers verification', async () => {
      const knex = await database(databaseId);
      const world = fakeWorld();
      const id = await approvedRequest(knex);

      const result = await replica({
        knex,
        world,
        owner: 'a',
        manifestClusters: ['aks-prod'],
      }).apply(id);

      expect(result.outcome).toBe('active');
      expect(world.serviceAccounts.accounts.size).toBe(0);
      expect(world.probe.calls).toHaveLength(0);
      const events = (await read(knex, id))!.events;
      const manifest = events.find(
        e => e.type === 'step-applied' && e.detail?.step === 'service-account',
      )?.detail?.manifest;
      const [identity] = world.azure.identities.values();
      expect(manifest).toContain('kind: ServiceAccount');
      expect(manifest).toContain(
        `azure.workload.identity/client-id: ${identity.clientId}`,
      );
      expect(
        events.find(
          e => e.type === 'step-applied' && e.detail?.step === 'verify',
        )?.detail,
      ).toMatchObject({ verified: false });
      await knex.destroy();
    });

    it('lets ten requests add credentials to one identity at once, one write at a time', async () => {
      const knex = await database(databaseId);
      const world = fakeWorld();
      world.azure.ficWriteMs = 5;
      const namespaces = Array.from({ length: 10 }, (_, i) => `team-${i}`);
      const preflight = healthyWorld();
      namespaces.forEach(ns =>
        preflight.ownNamespace('aks-prod', ns, 'group:default/team-orders'),
      );
      const ids: string[] = [];
      for (const namespace of namespaces) {
        ids.push(
          await approvedRequest(
            knex,
            baseSpec({ namespace, identity: { name: 'id-shared' } }),
            preflight,
          ),
        );
      }

      const provisioner = replica({ knex, world, owner: 'a' });
      const results = await Promise.all(ids.map(id => provisioner.apply(id)));

      expect(results.map(r => r.outcome)).toEqual(ids.map(() => 'active'));
      expect(world.azure.identities.size).toBe(1);
      expect(world.azure.federatedCredentials.size).toBe(10);
      expect(world.azure.calls.filter(c => c.startsWith('fic')).length).toBe(
        10,
      );
      await knex.destroy();
    });

    it.each([
      [false, 3],
      [true, 1],
    ])(
      'writes the credential and the roles side by side unless told to go one at a time (sequential: %p)',
      async (sequentialSteps, expectedMax) => {
        const knex = await database(databaseId);
        const world = fakeWorld();
        world.azure.ficWriteMs = 20;
        world.azure.roleWriteMs = 20;
        const id = await approvedRequest(knex);

        const result = await replica({
          knex,
          world,
          owner: 'a',
          sequentialSteps,
        }).apply(id);

        expect(result.outcome).toBe('active');
        expect(world.azure.maxWritesInFlight).toBe(expectedMax);
        await knex.destroy();
      },
    );

    it('goes back to a person when live state changed since approval and the new plan needs one', async () => {
      const knex = await database(databaseId);
      const world = fakeWorld();
      const id = await approvedRequest(knex, productionSpec());
      const moved = healthyWorld().addIdentity({
        resourceId: IDENTITY_ID,
        name: 'id-orders-api-aks-prod',
        clientId: '11111111-1111-1111-1111-111111111111',
        principalId: '22222222-2222-2222-2222-222222222222',
      });

      const result = await replica({
        knex,
        world,
        owner: 'a',
        replanWith: moved,
      }).apply(id);

      expect(result.outcome).toBe('pending-approval');
      expect(world.azure.calls).toEqual([]);
      const request = await read(knex, id);
      expect(request?.status).toBe('pending-approval');
      expect(request!.events.at(-1)).toMatchObject({
        type: 'plan-changed',
        detail: {
          changes: expect.arrayContaining([
            expect.objectContaining({
              stepId: 'identity',
              summary: expect.stringContaining(
                "action was 'create', now 'adopt'",
              ),
            }),
          ]),
        },
      });
      await knex.destroy();
    });

    it('reads live state once when the approval has just checked the plan', async () => {
      const knex = await database(databaseId);
      const world = fakeWorld();
      const id = await approvedRequest(knex);
      let reads = 0;
      const driftCheck = new DriftCheck({
        replan: spec => {
          reads++;
          return plannerFor(healthyWorld(), {
            otherOwners: { namespace: 'approval', identity: 'approval' },
          }).plan(spec);
        },
      });
      // What the approval did moments before the apply started.
      expect(await driftCheck.check((await read(knex, id))!)).toEqual({
        drift: 'none',
        replanned: true,
      });

      const result = await replica({
        knex,
        world,
        owner: 'a',
        driftCheck,
      }).apply(id);

      expect(result.outcome).toBe('active');
      expect(reads).toBe(1);
      await knex.destroy();
    });

    it('carries on with the new plan when it needs no approval', async () => {
      const knex = await database(databaseId);
      const world = fakeWorld();
      const id = await approvedRequest(knex);
      const before = (await read(knex, id))!.planHash;
      // The identity was made meanwhile: the new plan adopts it instead of creating one.
      const identity = await world.azure.ensureIdentity({
        subscriptionId: '00000000-0000-0000-0000-000000000001',
        resourceGroup: 'rg-aks-prod',
        name: 'id-orders-api-aks-prod',
        location: 'westeurope',
        tags: { 'backstage-entity-ref': 'component:default/orders-api' },
      });
      const moved = healthyWorld().addIdentity(identity);

      const result = await replica({
        knex,
        world,
        owner: 'a',
        replanWith: moved,
      }).apply(id);

      expect(result.outcome).toBe('active');
      const request = await read(knex, id);
      expect(request?.planHash).not.toBe(before);
      expect(request!.events.map(e => e.type)).toContain('plan-changed');
      expect(world.azure.calls.filter(c => c.startsWith('identity'))).toEqual([
        'identity id-orders-api-aks-prod',
      ]);
      await knex.destroy();
    });
  });
});

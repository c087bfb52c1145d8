import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { KnexApplyStore } from '../database/KnexApplyStore';
import { KnexIdentityLocks } from '../database/KnexIdentityLocks';
import { KnexRequestStore } from '../database/KnexRequestStore';
import { migrateDatabase } from '../database/migrateDatabase';
import {
  approvedRequest,
  FakeWorld,
  fakeWorld,
  replica,
} from '../provisioning/__testUtils__/provisionerHarness';
import { RequestConflictError } from '../requests/errors';
import {
  baseSpec,
  CONTAINER,
  healthyWorld,
  VAULT,
} from '../__testUtils__/world';
import { Revoker, RevokeIncompleteError } from './Revoker';

jest.setTimeout(60_000);

describe('Revoker', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  async function activeRequest(
    databaseId: Parameters<typeof databases.init>[0],
  ) {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    const world = fakeWorld();
    const id = await approvedRequest(knex);
    expect((await replica({ knex, world, owner: 'a' }).apply(id)).outcome).toBe(
      'active',
    );
    const revoker = new Revoker({
      store: new KnexRequestStore({ knex }),
      applied: new KnexApplyStore({ knex }),
      azure: world.azure,
      serviceAccountTeardownFor: () => world.serviceAccounts,
      locks: new KnexIdentityLocks({ knex }),
      clock: world.clock,
      logger: mockServices.logger.mock(),
    });
    return { knex, world, id, revoker, store: new KnexRequestStore({ knex }) };
  }

  /** What a planner reading the fake world now would find: its identity, credentials, roles. */
  function asPlannedAgainst(world: FakeWorld) {
    const [identity] = [...world.azure.identities.values()];
    const live = healthyWorld().addIdentity(
      identity,
      [...world.azure.federatedCredentials.values()].map(f => ({
        name: f.name,
        issuer: f.issuer,
        subject: f.subject,
        audiences: f.audiences,
      })),
      [...world.azure.assignments.values()].map(a => ({
        roleId: a.roleId,
        scope: a.scope,
      })),
    );
    return { identity, live };
  }

  const annotations = (world: FakeWorld) =>
    world.serviceAccounts.accounts.get('aks-prod/orders/orders-api')!
      .annotations;

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('removes the roles, the credential and the annotations it set, keeps the identity, and tells the story', async () => {
      const { knex, world, id, revoker, store } = await activeRequest(
        databaseId,
      );
      annotations(world)['team.example.com/owner'] = 'orders';

      const revoked = await revoker.revoke({
        id,
        actor: 'user:default/olivia-orders',
        reason: 'service retired',
      });

      expect(revoked.status).toBe('revoked');
      expect(world.azure.assignments.size).toBe(0);
      expect(world.azure.federatedCredentials.size).toBe(0);
      expect(world.azure.identities.size).toBe(1);
      // The tenant id was this request's too; the team's own annotation is not, so the
      // account the request created stays, and the timeline says why.
      expect(annotations(world)).toEqual({
        'team.example.com/owner': 'orders',
      });
      const events = (await store.getRequest({ id }))!.events;
      const types = events.map(e => e.type);
      expect(types.slice(types.indexOf('revoke-started'))).toEqual([
        'revoke-started',
        'teardown-applied',
        'teardown-kept',
        'teardown-applied',
        'teardown-applied',
        'teardown-applied',
        'revoked',
      ]);
      expect(events.find(e => e.type === 'teardown-kept')!.detail).toEqual({
        step: 'service-account',
        reason:
          'This request created the service account, but it now carries annotation team.example.com/owner, which this request did not set.',
      });
      await knex.destroy();
    });

    it('keeps what a later request adopted, and removes only what no one else holds', async () => {
      const { knex, world, id, revoker, store } = await activeRequest(
        databaseId,
      );
      // The same access asked again, in other words (permissions rather than intents, so
      // another request): it adopts it all.
      const again = await approvedRequest(knex, sameAccessAgain());
      expect(
        (await replica({ knex, world, owner: 'b' }).apply(again)).outcome,
      ).toBe('active');
      const assignments = world.azure.assignments.size;
      expect(assignments).toBeGreaterThan(0);

      await revoker.revoke({ id, actor: 'user:default/olivia-orders' });

      expect(world.azure.assignments.size).toBe(assignments);
      expect(world.azure.federatedCredentials.size).toBe(1);
      expect(
        annotations(world)['azure.workload.identity/client-id'],
      ).toBeDefined();
      const events = (await store.getRequest({ id }))!.events;
      const kept = events.filter(e => e.type === 'teardown-kept');
      expect(kept.length).toBeGreaterThanOrEqual(3);
      expect(kept.every(e => e.detail?.usedBy === again)).toBe(true);

      // Then the second one goes too, and with it everything.
      await revoker.revoke({ id: again, actor: 'user:default/olivia-orders' });
      expect(world.azure.assignments.size).toBe(0);
      expect(world.azure.federatedCredentials.size).toBe(0);
      expect(world.serviceAccounts.accounts.size).toBe(0);
      await knex.destroy();
    });

    it('hands what it keeps to the request that adopted it at planning, which removes it when revoked', async () => {
      const { knex, world, id, revoker, store } = await activeRequest(
        databaseId,
      );
      // The same access asked again while the first stands: planned against what exists, it
      // adopts the identity, the credential and the role assignments.
      const { live } = asPlannedAgainst(world);
      const again = await approvedRequest(knex, sameAccessAgain(), live);
      const adopting = (await store.getRequest({ id: again }))!.plan!.steps;
      expect(
        adopting
          .filter(s => s.kind === 'ensure-role-assignment')
          .map(s => s.action),
      ).toEqual(['adopt', 'adopt']);
      expect(
        (await replica({ knex, world, owner: 'b' }).apply(again)).outcome,
      ).toBe('active');

      await revoker.revoke({ id, actor: 'user:default/olivia-orders' });
      expect(world.azure.assignments.size).toBe(2);
      expect(world.azure.federatedCredentials.size).toBe(1);

      await revoker.revoke({ id: again, actor: 'user:default/olivia-orders' });
      expect(world.azure.assignments.size).toBe(0);
      expect(world.azure.federatedCredentials.size).toBe(0);
      // The service account the first request created is handed over with the rest.
      expect(world.serviceAccounts.accounts.size).toBe(0);
      const removed = (await store.getRequest({ id: again }))!.events.filter(
        e => e.type === 'teardown-applied' && e.detail?.handedOver === true,
      );
      expect(removed).toHaveLength(4);
      await knex.destroy();
    });

    it("keeps the role assignments another component's request holds on a shared identity", async () => {
      const { knex, world, id, revoker, store } = await activeRequest(
        databaseId,
      );
      // billing-worker reuses orders-api's identity by its resource id, with the same grants
      // for its own service account: the role assignments are the very same ones.
      const { identity, live } = asPlannedAgainst(world);
      const billing = await approvedRequest(
        knex,
        baseSpec({
          entityRef: 'component:default/billing-worker',
          serviceAccountName: 'billing-worker',
          identity: { resourceId: identity.resourceId },
        }),
        live,
      );
      expect(
        (await replica({ knex, world, owner: 'b' }).apply(billing)).outcome,
      ).toBe('active');
      expect(world.azure.federatedCredentials.size).toBe(2);

      await revoker.revoke({ id, actor: 'user:default/olivia-orders' });
      // orders-api's own credential goes; the grants billing-worker holds stay.
      expect(world.azure.assignments.size).toBe(2);
      expect(world.azure.federatedCredentials.size).toBe(1);
      const kept = (await store.getRequest({ id }))!.events.filter(
        e => e.type === 'teardown-kept',
      );
      expect(kept.map(e => e.detail?.usedBy)).toEqual([billing, billing]);

      await revoker.revoke({
        id: billing,
        actor: 'user:default/olivia-orders',
      });
      expect(world.azure.assignments.size).toBe(0);
      expect(world.azure.federatedCredentials.size).toBe(0);
      await knex.destroy();
    });

    it('deletes the identity when asked and nothing else uses it', async () => {
      const { knex, world, id, revoker, store } = await activeRequest(
        databaseId,
      );
      const revoked = await revoker.revoke({
        id,
        actor: 'user:default/olivia-orders',
        deleteIdentity: true,
      });
      expect(revoked.status).toBe('revoked');
      expect(world.azure.identities.size).toBe(0);
      const last = (await store.getRequest({ id }))!.events.at(-1)!;
      expect(last.detail).toEqual({
        from: 'revoking',
        to: 'revoked',
        identityKept: false,
      });
      await knex.destroy();
    });

    it('keeps the identity, though asked, while something else still uses it', async () => {
      const { knex, world, id, revoker, store } = await activeRequest(
        databaseId,
      );
      // Someone else's credential on the same identity: a workload still trusts it.
      const [identityKey] = [...world.azure.identities.keys()];
      world.azure.federatedCredentials.set(`${identityKey}/batch-jobs`, {
        identityResourceId: identityKey,
        name: 'batch-jobs',
        issuer: 'https://oidc.example/issuer',
        subject: 'system:serviceaccount:orders:batch',
        audiences: ['api://AzureADTokenExchange'],
      });
      await revoker.revoke({
        id,
        actor: 'user:default/olivia-orders',
        deleteIdentity: true,
      });
      expect(world.azure.identities.size).toBe(1);
      const last = (await store.getRequest({ id }))!.events.at(-1)!;
      expect(last.detail).toEqual({
        from: 'revoking',
        to: 'revoked',
        identityKept: true,
        identityUsedBy: ["federated credential 'batch-jobs'"],
      });
      await knex.destroy();
    });

    it('leaves a service account that was pointed at another identity since', async () => {
      const { knex, world, id, revoker, store } = await activeRequest(
        databaseId,
      );
      annotations(world)['azure.workload.identity/client-id'] = 'someone-else';

      const before = structuredClone(annotations(world));

      await revoker.revoke({ id, actor: 'user:default/olivia-orders' });

      expect(annotations(world)['azure.workload.identity/client-id']).toBe(
        'someone-else',
      );
      // The new binding keeps the tenant id and everything else on the account.
      expect(annotations(world)).toEqual(before);
      const kept = (await store.getRequest({ id }))!.events.filter(
        e => e.type === 'teardown-kept',
      );
      expect(kept.map(e => e.detail)).toEqual([
        {
          step: 'service-account',
          reason: expect.stringContaining('pointed at another identity'),
        },
      ]);
      await knex.destroy();
    });

    it('stops part-way with a clear error and finishes when asked again', async () => {
      const { knex, world, id, revoker, store } = await activeRequest(
        databaseId,
      );
      world.azure.failingDeletes = 1;

      await expect(
        revoker.revoke({ id, actor: 'user:default/olivia-orders' }),
      ).rejects.toThrow(RevokeIncompleteError);
      expect((await store.getRequest({ id }))!.status).toBe('revoking');

      const revoked = await revoker.revoke({
        id,
        actor: 'user:default/olivia-orders',
      });
      expect(revoked.status).toBe('revoked');
      expect(world.azure.assignments.size).toBe(0);
      expect(world.azure.federatedCredentials.size).toBe(0);
      await knex.destroy();
    });

    it('refuses to revoke what is not active', async () => {
      const { knex, id, revoker } = await activeRequest(databaseId);
      await revoker.revoke({ id, actor: 'user:default/olivia-orders' });

      await expect(
        revoker.revoke({ id, actor: 'user:default/olivia-orders' }),
      ).rejects.toBeInstanceOf(RequestConflictError);
      await knex.destroy();
    });
  });
});

/** baseSpec's access in permissions rather than intents: the same roles, another grant. */
function sameAccessAgain() {
  return baseSpec({
    resources: [
      { resourceId: CONTAINER, permissions: ['blob.read'] },
      { resourceId: VAULT, permissions: ['secrets.read'] },
    ],
  });
}

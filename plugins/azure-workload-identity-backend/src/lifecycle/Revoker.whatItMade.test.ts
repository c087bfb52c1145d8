import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  TOKEN_EXCHANGE_AUDIENCE,
  WORKLOAD_IDENTITY_ANNOTATIONS,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { Knex } from 'knex';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { baseSpec, CONTAINER, healthyWorld } from '../__testUtils__/world';
import { plannerFor } from '../__testUtils__/planner';
import { KnexApplyStore } from '../database/KnexApplyStore';
import { KnexIdentityLocks } from '../database/KnexIdentityLocks';
import { KnexRequestStore } from '../database/KnexRequestStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { ENTITY_REF_ANNOTATION } from '../planning/buildSteps';
import { PlanStep } from '../planning/Plan';
import {
  approvedRequest,
  FakeWorld,
  fakeWorld,
  replica,
} from '../provisioning/__testUtils__/provisionerHarness';
import { roleAssignmentName } from '../provisioning/roleAssignmentName';
import { Revoker } from './Revoker';

jest.setTimeout(60_000);

const OLIVIA = 'user:default/olivia-orders';
const ACCOUNT = 'aks-prod/orders/orders-api';
const CLIENT_ID = WORKLOAD_IDENTITY_ANNOTATIONS.clientId;
const TENANT_ID = WORKLOAD_IDENTITY_ANNOTATIONS.tenantId;

/**
 * Revoking takes away exactly what the request's own steps recorded making: what a request
 * found already there (adopted) stays, and so does a service account it created while pods
 * still run as it, with the reason on the timeline.
 */
describe('Revoker removes only what its request made', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    const world = fakeWorld();
    const store = new KnexRequestStore({ knex });
    const revoker = new Revoker({
      store,
      applied: new KnexApplyStore({ knex }),
      azure: world.azure,
      serviceAccountTeardownFor: () => world.serviceAccounts,
      locks: new KnexIdentityLocks({ knex }),
      clock: world.clock,
      logger: mockServices.logger.mock(),
    });
    return { knex, world, store, revoker };
  }

  async function activate(
    knex: Knex,
    world: FakeWorld,
    ...request: Parameters<typeof approvedRequest> extends [any, ...infer R]
      ? R
      : never
  ) {
    const id = await approvedRequest(knex, ...request);
    expect((await replica({ knex, world, owner: id }).apply(id)).outcome).toBe(
      'active',
    );
    return id;
  }

  /**
   * A binding made by hand before the portal knew it: the identity (tagged as the
   * component's), its credential for the service account, its role assignments, and the
   * service account pointing at it. Returns the live state a planner would read.
   */
  async function handMadeBinding(
    world: FakeWorld,
    account: 'fully annotated' | 'client id only',
  ) {
    const planned = await plannerFor(healthyWorld()).plan(baseSpec());
    if (!planned.ok) throw new Error(JSON.stringify(planned.refusals));
    const step = <K extends PlanStep['kind']>(kind: K) =>
      planned.plan.steps.filter(
        (s): s is Extract<PlanStep, { kind: K }> => s.kind === kind,
      );
    const [identityStep] = step('ensure-identity');
    const identity = await world.azure.ensureIdentity({
      subscriptionId: identityStep.subscriptionId,
      resourceGroup: identityStep.resourceGroup,
      name: identityStep.name,
      location: 'westeurope',
      tags: identityStep.tags,
    });
    const [credential] = step('ensure-federated-credential');
    await world.azure.putFederatedCredential({
      identityResourceId: identity.resourceId,
      name: 'made-by-hand',
      issuer: credential.issuer,
      subject: credential.subject,
      audiences: [credential.audience],
    });
    for (const assignment of step('ensure-role-assignment')) {
      await world.azure.createRoleAssignment({
        scope: assignment.scope,
        roleId: assignment.roleId,
        principalId: identity.principalId,
        name: roleAssignmentName({
          scope: assignment.scope,
          roleId: assignment.roleId,
          principalId: identity.principalId,
        }),
      });
    }
    const [serviceAccount] = step('ensure-service-account');
    world.serviceAccounts.accounts.set(ACCOUNT, {
      annotations:
        account === 'fully annotated'
          ? {
              [CLIENT_ID]: identity.clientId,
              [TENANT_ID]: identity.tenantId!,
              [ENTITY_REF_ANNOTATION]: 'component:default/orders-api',
            }
          : { [CLIENT_ID]: identity.clientId },
      labels: account === 'fully annotated' ? serviceAccount.labels : {},
    });
    const live = healthyWorld().addIdentity(
      identity,
      [...world.azure.federatedCredentials.values()],
      [...world.azure.assignments.values()],
    );
    return { identity, live };
  }

  const kept = async (store: KnexRequestStore, id: string) =>
    (await store.getRequest({ id }))!.events
      .filter(e => e.type === 'teardown-kept')
      .map(e => [e.detail?.step, e.detail?.reason]);

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('leaves a binding it adopted whole, and it still works', async () => {
      const { knex, world, store, revoker } = await setUp(databaseId);
      const { identity, live } = await handMadeBinding(
        world,
        'fully annotated',
      );
      const id = await activate(knex, world, baseSpec(), live);
      const before = {
        account: structuredClone(world.serviceAccounts.accounts.get(ACCOUNT)),
        credentials: [...world.azure.federatedCredentials.keys()],
        assignments: [...world.azure.assignments.keys()],
      };

      const revoked = await revoker.revoke({
        id,
        actor: OLIVIA,
        deleteIdentity: true,
      });

      expect(world.serviceAccounts.accounts.get(ACCOUNT)).toEqual(
        before.account,
      );
      expect([...world.azure.federatedCredentials.keys()]).toEqual(
        before.credentials,
      );
      expect([...world.azure.assignments.keys()]).toEqual(before.assignments);
      expect(world.azure.identities.size).toBe(1);
      await expect(
        world.probe.exchange({
          cluster: 'aks-prod',
          namespace: 'orders',
          serviceAccountName: 'orders-api',
          audience: TOKEN_EXCHANGE_AUDIENCE,
          tenantId: identity.tenantId!,
          clientId: identity.clientId,
        }),
      ).resolves.toEqual({ ok: true });
      const events = (await store.getRequest({ id }))!.events;
      expect(events.some(e => e.type === 'teardown-applied')).toBe(false);
      expect(await kept(store, id)).toEqual([
        [
          'service-account',
          expect.stringContaining('already pointed at this identity'),
        ],
        ['role-assignment-2', expect.stringContaining('existed before')],
        ['role-assignment-1', expect.stringContaining('existed before')],
        ['federated-credential', expect.stringContaining('existed before')],
      ]);
      expect(revoked.status).toBe('revoked');
      expect(events.at(-1)!.detail).toEqual({
        from: 'revoking',
        to: 'revoked',
        identityKept: true,
        identityKeptBecause: expect.stringContaining('existed before'),
      });
      await knex.destroy();
    });

    it('takes back the annotations and labels it added to a binding made by hand, and leaves the pointer it found', async () => {
      const { knex, world, store, revoker } = await setUp(databaseId);
      const { identity, live } = await handMadeBinding(world, 'client id only');
      const id = await activate(knex, world, baseSpec(), live);
      expect(
        Object.keys(world.serviceAccounts.accounts.get(ACCOUNT)!.annotations),
      ).toEqual([CLIENT_ID, TENANT_ID, ENTITY_REF_ANNOTATION]);

      await revoker.revoke({ id, actor: OLIVIA });

      expect(world.serviceAccounts.accounts.get(ACCOUNT)!.annotations).toEqual({
        [CLIENT_ID]: identity.clientId,
      });
      // The account had no labels before the request; it has none after.
      expect(world.serviceAccounts.accounts.get(ACCOUNT)!.labels).toEqual({});
      const applied = (await store.getRequest({ id }))!.events.find(
        e => e.type === 'teardown-applied',
      );
      expect(applied?.detail).toEqual({
        step: 'service-account',
        serviceAccount: 'removed',
        removedAnnotations: [TENANT_ID, ENTITY_REF_ANNOTATION],
        removedLabels: [
          'app.kubernetes.io/managed-by',
          'backstage.io/kubernetes-id',
        ],
      });
      expect((await kept(store, id))[0]).toEqual([
        'service-account',
        `The service account existed before this request; annotation ${CLIENT_ID} was already on it with the same value.`,
      ]);
      await knex.destroy();
    });

    it('deletes the service account it created when no pod runs as it', async () => {
      const { knex, world, store, revoker } = await setUp(databaseId);
      const id = await activate(knex, world);

      await revoker.revoke({ id, actor: OLIVIA });

      expect(world.serviceAccounts.accounts.has(ACCOUNT)).toBe(false);
      const applied = (await store.getRequest({ id }))!.events.find(
        e => e.type === 'teardown-applied',
      );
      expect(applied?.detail).toEqual({
        step: 'service-account',
        serviceAccount: 'removed',
        removedAnnotations: [CLIENT_ID, TENANT_ID, ENTITY_REF_ANNOTATION],
        deleted: true,
      });
      expect(await kept(store, id)).toEqual([]);
      await knex.destroy();
    });

    it('keeps the service account it created while a pod runs as it, and says so', async () => {
      const { knex, world, store, revoker } = await setUp(databaseId);
      const id = await activate(knex, world);
      world.serviceAccounts.runPod({
        cluster: 'aks-prod',
        namespace: 'orders',
        pod: 'orders-api-7d9f-abcde',
        serviceAccountName: 'orders-api',
      });

      await revoker.revoke({ id, actor: OLIVIA });

      // The pointer is gone, so the pod gets no Azure token once restarted; the account stays.
      expect(world.serviceAccounts.accounts.get(ACCOUNT)!.annotations).toEqual(
        {},
      );
      expect(await kept(store, id)).toEqual([
        [
          'service-account',
          'This request created the service account, but pod orders-api-7d9f-abcde still runs as it.',
        ],
      ]);
      await knex.destroy();
    });

    it('keeps a service account it created that someone gave an image pull secret since', async () => {
      const { knex, world, store, revoker } = await setUp(databaseId);
      const id = await activate(knex, world);
      world.serviceAccounts.accounts.get(ACCOUNT)!.imagePullSecrets = ['acr'];

      await revoker.revoke({ id, actor: OLIVIA });

      expect(world.serviceAccounts.accounts.has(ACCOUNT)).toBe(true);
      expect(await kept(store, id)).toEqual([
        ['service-account', expect.stringContaining('image pull secret acr')],
      ]);
      await knex.destroy();
    });

    it('hands the service account it made to a request that adopted it, which deletes it when revoked', async () => {
      const { knex, world, store, revoker } = await setUp(databaseId);
      const first = await activate(knex, world);
      // A narrower request of the same component, planned against what the first made: it
      // finds the identity, the credential, the role and every annotation already there.
      const [identity] = [...world.azure.identities.values()];
      const live = healthyWorld().addIdentity(
        identity,
        [...world.azure.federatedCredentials.values()],
        [...world.azure.assignments.values()],
      );
      const second = await activate(
        knex,
        world,
        baseSpec({ resources: [{ resourceId: CONTAINER, intent: 'read' }] }),
        live,
      );

      await revoker.revoke({ id: first, actor: OLIVIA });
      expect(world.serviceAccounts.accounts.has(ACCOUNT)).toBe(true);
      expect(
        world.serviceAccounts.accounts.get(ACCOUNT)!.annotations[CLIENT_ID],
      ).toBe(identity.clientId);
      // Only the vault's role was the first request's alone.
      expect([...world.azure.assignments.values()].map(a => a.scope)).toEqual([
        CONTAINER,
      ]);

      await revoker.revoke({ id: second, actor: OLIVIA });
      expect(world.serviceAccounts.accounts.has(ACCOUNT)).toBe(false);
      expect(world.azure.assignments.size).toBe(0);
      expect(world.azure.federatedCredentials.size).toBe(0);
      const handed = (await store.getRequest({ id: second }))!.events.filter(
        e => e.type === 'teardown-applied' && e.detail?.handedOver === true,
      );
      expect(handed.map(e => e.detail?.step)).toEqual([
        'service-account',
        'role-assignment-1',
        'federated-credential',
      ]);
      await knex.destroy();
    });
  });
});

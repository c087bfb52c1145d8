import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { parseAllDocuments } from 'yaml';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { KnexApplyStore } from '../database/KnexApplyStore';
import { KnexIdentityLocks } from '../database/KnexIdentityLocks';
import { KnexRequestStore } from '../database/KnexRequestStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { FakeGuardrailWriter } from '../guardrails/__testUtils__/FakeGuardrailWriter';
import { grantsOfCluster } from '../guardrails/grantsOfCluster';
import { GuardrailSync } from '../guardrails/GuardrailSync';
import {
  approvedRequest,
  fakeWorld,
  replica,
} from '../provisioning/__testUtils__/provisionerHarness';
import { Revoker } from './Revoker';

jest.setTimeout(60_000);

/**
 * The provisioner and the revoker on the stores, with guardrails in `deny` on a fake cluster:
 * a request being applied puts its grant in before its own annotation, and revoking takes it
 * out after the annotation is off.
 */
describe('guardrails follow a request from apply to revoke', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  async function setUp(
    databaseId: Parameters<typeof databases.init>[0],
    options: { gitOps?: boolean } = {},
  ) {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    const world = fakeWorld();
    const log: string[] = [];
    const writer = new FakeGuardrailWriter(log);
    const store = new KnexRequestStore({ knex });
    const applied = new KnexApplyStore({ knex });
    const guardrails = new GuardrailSync({
      clusters: [
        {
          name: 'aks-prod',
          environment: 'production',
          namespaceEnvironments: [],
        },
      ],
      settingsOf: () => ({
        mode: 'deny',
        requireProvisionedServiceAccounts: false,
      }),
      grantsOf: cluster =>
        grantsOfCluster({ requests: store, applied }, cluster),
      writerFor: () => (options.gitOps ? undefined : writer),
    });
    // Log the service account's writes beside the guardrails', to see which came first.
    const accounts = world.serviceAccounts;
    const ensure = accounts.ensureServiceAccount.bind(accounts);
    accounts.ensureServiceAccount = async input => {
      log.push('annotate service account');
      return ensure(input);
    };
    const remove = accounts.removeMetadata.bind(accounts);
    accounts.removeMetadata = async input => {
      log.push('remove annotations');
      return remove(input);
    };

    const id = await approvedRequest(knex);
    const applying = replica({
      knex,
      world,
      owner: 'a',
      guardrails,
      manifestClusters: options.gitOps ? ['aks-prod'] : undefined,
    });
    expect((await applying.apply(id)).outcome).toBe('active');
    const revoker = new Revoker({
      store,
      applied,
      azure: world.azure,
      serviceAccountTeardownFor: () =>
        options.gitOps ? undefined : world.serviceAccounts,
      locks: new KnexIdentityLocks({ knex }),
      clock: world.clock,
      logger: mockServices.logger.mock(),
      guardrails,
    });
    const [identity] = [...world.azure.identities.values()];
    const grantKey = `orders.${identity.clientId.toLowerCase()}`;
    return { id, store, log, writer, revoker, grantKey };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('grants the client id before annotating, and withdraws it after the annotation is removed', async () => {
      const { id, log, writer, revoker, grantKey } = await setUp(databaseId);
      expect(writer.grants!.data[grantKey]).toBe(id);
      const annotated = log.indexOf('annotate service account');
      expect(log.findIndex(l => l.includes(grantKey))).toBeLessThan(annotated);

      log.length = 0;
      await revoker.revoke({ id, actor: 'user:default/olivia-orders' });
      expect(writer.grants!.data).toEqual({});
      expect(log).toEqual(['remove annotations', 'grants (none)']);
    });

    it('hands a GitOps cluster the grant on apply, and its withdrawal on revoke', async () => {
      const { id, store, writer, revoker, grantKey } = await setUp(databaseId, {
        gitOps: true,
      });
      expect(writer.log).toEqual([]);
      const grantsIn = (yaml: unknown) =>
        parseAllDocuments(String(yaml))
          .map(d => d.toJS())
          .find(o => o.kind === 'ConfigMap').data ?? {};

      const applied = (await store.getRequest({ id }))!.events.find(
        e => e.type === 'step-applied' && e.detail?.step === 'service-account',
      )!;
      expect(grantsIn(applied.detail!.guardrailManifests)[grantKey]).toBe(id);

      await revoker.revoke({ id, actor: 'user:default/olivia-orders' });
      const handBack = (await store.getRequest({ id }))!.events.find(
        e => e.type === 'teardown-kept' && e.detail?.guardrailManifests,
      )!;
      expect(handBack.detail!.reason).toBe(
        "cluster aks-prod is applied through GitOps: commit the updated guardrail manifests so it stops admitting this identity's client id in namespace orders",
      );
      expect(grantsIn(handBack.detail!.guardrailManifests)).toEqual({});
      expect(writer.log).toEqual([]);
    });
  });
});

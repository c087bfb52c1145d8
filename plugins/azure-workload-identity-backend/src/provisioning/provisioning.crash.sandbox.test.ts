import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createLivePreflightReader } from '../clients/createLivePreflightReader';
import { createProvisioningClients } from '../clients/createProvisioningClients';
import {
  DemoSandbox,
  demoPluginConfig,
  startDemoSandbox,
} from '../clients/__testUtils__/startDemoSandbox';
import { KnexApplyStore } from '../database/KnexApplyStore';
import { KnexIdentityLocks } from '../database/KnexIdentityLocks';
import { KnexRequestStore } from '../database/KnexRequestStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { Planner } from '../planning/Planner';
import { Provisioner, ProvisionerFaultHooks } from './Provisioner';
import { systemClock } from './retry';
import { twinFootprint } from './__testUtils__/twinFootprint';

jest.setTimeout(180_000);

const LEASE_MS = 400;

/**
 * The provisioner on the real clients against the sandbox, killed at every step in turn and
 * resumed by another replica: the twin must end with exactly one of everything, and writes
 * of many requests to one identity must all land.
 */
describe('provisioning against the sandbox, with crashes and contention', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let demo: DemoSandbox;
  let knex: Knex;
  let planner: Planner;
  let clients: ReturnType<typeof createProvisioningClients>;
  let container: string;
  let tenantId: string;

  beforeAll(async () => {
    demo = await startDemoSandbox({ realism: { ficWriteDurationMs: 100 } });
    const config = demoPluginConfig(demo);
    tenantId = config.azure.tenantId!;
    planner = new Planner({
      preflight: createLivePreflightReader({
        config,
        clientOptions: demo.clientOptions,
      }),
      tenantId,
      components: demo.components,
      identityUses: async () => [],
    });
    clients = createProvisioningClients({
      config,
      clientOptions: demo.clientOptions,
    });
    knex = await databases.init('SQLITE_3');
    await migrateDatabase(knex);
    const storage = demo.sandbox
      .demo!.world.components.find(c => c.component.name === 'orders-api')!
      .targets.find(t => t.id.includes('/storageAccounts/'))!.id;
    container = `${storage}/blobServices/default/containers/orders`;
  });
  afterAll(() => demo?.stop());

  const replica = (owner: string, faultHooks?: ProvisionerFaultHooks) =>
    new Provisioner({
      store: new KnexApplyStore({ knex }),
      ports: {
        ...clients,
        locks: new KnexIdentityLocks({ knex }),
        clock: systemClock,
        tenantId,
      },
      logger: mockServices.logger.mock(),
      owner,
      leaseMs: LEASE_MS,
      faultHooks,
      timings: { initialDelayMs: 20, maxDelayMs: 100 },
    });

  async function approved(serviceAccountName: string, identityName: string) {
    const spec = {
      entityRef: 'component:default/orders-api',
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName,
      identity: { name: identityName },
      resources: [{ resourceId: container, intent: 'read' as const }],
    };
    const outcome = await planner.plan(spec);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.refusals));
    return (
      await new KnexRequestStore({ knex }).createRequest({
        spec,
        requestedBy: 'user:default/olivia-orders',
        status: 'approved',
        plan: outcome.plan,
      })
    ).id;
  }

  const twinOf = (identityName: string) => twinFootprint(demo, identityName);

  const steps = [
    'identity',
    'federated-credential',
    'role-assignment-1',
    'service-account',
    'verify',
  ];
  const cases = steps.flatMap(step =>
    (['beforeStep', 'afterStepEffect'] as const).map(point => [step, point]),
  );

  it.each(cases)(
    'killed at %s (%s) and resumed elsewhere, leaves one identity, credential and assignment',
    async (step, point) => {
      const name = `crash-${step}-${point}`.toLowerCase();
      const id = await approved(name, `id-${name}`);
      let dead = false;
      let reached!: () => void;
      const killed = new Promise<void>(resolve => {
        reached = resolve;
      });
      const freeze = (at: string) => async (_id: string, stepId: string) => {
        if (!dead && !(at === point && stepId === step)) return;
        dead = true;
        reached();
        await new Promise(() => {});
      };
      const doomed = replica(`doomed-${name}`, {
        beforeStep: freeze('beforeStep'),
        afterStepEffect: freeze('afterStepEffect'),
      });
      void doomed.apply(id);
      await killed;
      doomed.stop();
      await new Promise(resolve => setTimeout(resolve, LEASE_MS + 100));

      const result = await replica(`survivor-${name}`).apply(id);

      expect(result.outcome).toBe('active');
      expect(twinOf(`id-${name}`)).toEqual({
        identities: 1,
        federatedCredentials: 1,
        assignments: 1,
      });
      const account = demo.sandbox
        .demo!.kubernetes.cluster('aks-prod')
        .store.get(
          demo.sandbox
            .demo!.kubernetes.cluster('aks-prod')
            .type('v1', 'ServiceAccount'),
          'orders',
          name,
        );
      expect(
        account?.metadata.annotations?.['azure.workload.identity/client-id'],
      ).toBeTruthy();
    },
  );

  it('lands ten requests adding credentials to one identity at once, despite the 409 window', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push(await approved(`shared-${i}`, 'id-shared-ten'));
    }
    const provisioner = replica('contended');
    const results = await Promise.all(ids.map(id => provisioner.apply(id)));

    expect(results.map(r => r.outcome)).toEqual(ids.map(() => 'active'));
    expect(twinOf('id-shared-ten')).toEqual({
      identities: 1,
      federatedCredentials: 10,
      assignments: 1,
    });
  });
});

/**
 * Provisioning benchmark: applies N requests against the sandbox with realistic latencies,
 * first as the provisioner runs them (requests side by side, the credential and the roles of
 * each side by side), then the same work one call after another. Prints the wall times, the
 * critical path (identity → credential ‖ roles → service account → verify) and the ratios.
 *
 *   npm run bench:provisioning -w @backstage-community/plugin-azure-workload-identity-backend [-- N]
 *
 * A script, not a test: timings on a shared machine are too noisy to assert.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';
import { createLivePreflightReader } from '../src/clients/createLivePreflightReader';
import { createProvisioningClients } from '../src/clients/createProvisioningClients';
import {
  demoPluginConfig,
  startDemoSandbox,
} from '../src/clients/__testUtils__/startDemoSandbox';
import { KnexApplyStore } from '../src/database/KnexApplyStore';
import { KnexIdentityLocks } from '../src/database/KnexIdentityLocks';
import { KnexRequestStore } from '../src/database/KnexRequestStore';
import { migrateDatabase } from '../src/database/migrateDatabase';
import { Planner } from '../src/planning/Planner';
import { applyStages } from '../src/provisioning/applyStages';
import { Provisioner } from '../src/provisioning/Provisioner';
import { systemClock } from '../src/provisioning/retry';

const REALISM = {
  latencyMs: 40,
  principalReplicationDelayMs: 400,
  ficPropagationDelayMs: 400,
  ficWriteDurationMs: 60,
  pageSize: 100,
  throttle: undefined,
};

type Durations = Map<string, Map<string, number>>;

// The figures are the output; the provisioner's own log lines would bury them.
const quietLogger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

async function main() {
  const count = Number(process.argv[2] ?? 6);
  const demo = await startDemoSandbox({ realism: REALISM });
  try {
    const config = demoPluginConfig(demo);
    const planner = new Planner({
      preflight: createLivePreflightReader({
        config,
        clientOptions: demo.clientOptions,
      }),
      tenantId: config.azure.tenantId,
      components: demo.components,
      identityUses: async () => [],
    });
    const clients = createProvisioningClients({
      config,
      clientOptions: demo.clientOptions,
    });
    const orders = demo.sandbox.demo!.world.components.find(
      c => c.component.name === 'orders-api',
    )!;
    const storage = orders.targets.find(t =>
      t.id.includes('/storageAccounts/'),
    )!.id;
    const vault = orders.targets.find(t => t.id.includes('/vaults/'))!.id;

    const run = async (label: string, sequential: boolean) => {
      const knex = await memoryDatabase();
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const spec = {
          entityRef: 'component:default/orders-api',
          cluster: 'aks-prod',
          namespace: 'orders',
          serviceAccountName: `bench-${label}-${i}`,
          identity: { name: `id-bench-${label}-${i}` },
          // The baseline component's grants, as a developer would ask for them.
          resources: [
            {
              resourceId: `${storage}/blobServices/default/containers/orders`,
              intent: 'read' as const,
            },
            { resourceId: vault, intent: 'read' as const },
          ],
        };
        const outcome = await planner.plan(spec);
        if (!outcome.ok) {
          throw new Error(`plan refused: ${JSON.stringify(outcome.refusals)}`);
        }
        const record = await new KnexRequestStore({ knex }).createRequest({
          spec,
          requestedBy: 'user:default/olivia-orders',
          status: 'approved',
          plan: outcome.plan,
        });
        ids.push(record.id);
      }

      const durations: Durations = new Map();
      const started = new Map<string, number>();
      const provisioner = new Provisioner({
        store: new KnexApplyStore({ knex }),
        ports: {
          ...clients,
          locks: new KnexIdentityLocks({ knex }),
          clock: systemClock,
          tenantId: config.azure.tenantId,
        },
        logger: quietLogger,
        owner: `bench-${label}`,
        sequentialSteps: sequential,
        timings: { initialDelayMs: 100, maxDelayMs: 400 },
        // The hooks time each step's work from start to effect.
        faultHooks: {
          beforeStep: async (id, step) => {
            started.set(`${id}/${step}`, performance.now());
          },
          afterStepEffect: async (id, step) => {
            const perStep = durations.get(id) ?? new Map();
            perStep.set(
              step,
              performance.now() - started.get(`${id}/${step}`)!,
            );
            durations.set(id, perStep);
          },
        },
      });

      const t0 = performance.now();
      if (sequential) {
        for (const id of ids) await expectActive(provisioner.apply(id));
      } else {
        await Promise.all(ids.map(id => expectActive(provisioner.apply(id))));
      }
      const wallMs = performance.now() - t0;
      const plan = (await new KnexRequestStore({ knex }).getRequest({
        id: ids[0],
      }))!.plan!;
      await knex.destroy();
      return { wallMs, durations, stages: applyStages(plan.steps) };
    };

    const concurrent = await run('concurrent', false);
    const sequential = await run('sequential', true);

    // The longest chain of dependent steps among the requests of the concurrent run.
    const criticalPathMs = Math.max(
      ...[...concurrent.durations.values()].map(perStep =>
        concurrent.stages.reduce(
          (sum, stage) =>
            sum + Math.max(...stage.map(step => perStep.get(step.id) ?? 0)),
          0,
        ),
      ),
    );

    const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      `requests: ${count}, twin latency ${REALISM.latencyMs} ms per call`,
    );
    console.log(`provisioner wall time:        ${f(concurrent.wallMs)}`);
    console.log(`critical path (longest):      ${f(criticalPathMs)}`);
    console.log(`same calls one after another: ${f(sequential.wallMs)}`);
    console.log(
      `wall / critical path: ${(concurrent.wallMs / criticalPathMs).toFixed(
        2,
      )} (target ≤ 1.20)`,
    );
    console.log(
      `sequential / wall:    ${(sequential.wallMs / concurrent.wallMs).toFixed(
        2,
      )} (target ≥ 1.50)`,
    );
  } finally {
    await demo.stop();
  }
}

async function memoryDatabase(): Promise<Knex> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await migrateDatabase(knex);
  return knex;
}

async function expectActive(result: ReturnType<Provisioner['apply']>) {
  const outcome = await result;
  if (outcome.outcome !== 'active') {
    throw new Error(`a request ended ${outcome.outcome}`);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});

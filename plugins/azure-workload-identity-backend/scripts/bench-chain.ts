/**
 * Chain benchmark: inspects the demo world against the sandbox with realistic latencies and
 * prints what the identity card costs.
 *
 *   npm run bench:chain -w @backstage-community/plugin-azure-workload-identity-backend [-- VIEWERS]
 *   FLEET_CLUSTERS=5 FLEET_COMPONENTS_PER_CLUSTER=100 npm run bench:chain ...
 *
 * - the chain from a warm cache at VIEWERS (default 50) concurrent viewers, p50/p95, beside
 *   the same number of uncached reads;
 * - a cold inspection's wall time beside its critical path (the longest run of upstream reads
 *   that happened one after another);
 * - upstream reads per component in a fleet scan of the demo world, and of a generated fleet
 *   of FLEET_CLUSTERS (default 5) clusters with FLEET_COMPONENTS_PER_CLUSTER (default 100)
 *   components each, where what clusters and subscriptions share is spread over many more.
 *
 * A script, not a test: timings on a shared machine are too noisy to assert.
 */
import { CacheService } from '@backstage/backend-plugin-api';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoIssuerHistory } from 'sandbox';
import {
  demoPluginConfig,
  startDemoSandbox,
} from '../src/clients/__testUtils__/startDemoSandbox';
import { ChainService } from '../src/inspection/live/ChainService';
import { createLiveInspector } from '../src/inspection/live/createLiveInspector';
import { LiveInspector } from '../src/inspection/live/LiveInspector';
import { RateLimitedProbe } from '../src/inspection/live/RateLimitedProbe';
import { TokenExchangeProbe } from '../src/clients/ProvisioningClients';
import { HEALTH_RULES } from '../src/rules';
import { writeFleetCatalog } from './fleetCatalog';

const LATENCY_MS = 40;
/** The defaults: a scan every 10 minutes, a probe outcome reused by scans for 30. */
const SCAN_INTERVAL_MINUTES = 10;
const SCAN_PROBE_INTERVAL_MS = 30 * 60_000;

/** Every upstream read the inspector makes, with when it ran. */
interface ReadSpan {
  what: string;
  start: number;
  end: number;
}

function memoryCache(): CacheService {
  const values = new Map<string, string>();
  const cache: CacheService = {
    get: async key =>
      values.has(key) ? JSON.parse(values.get(key)!) : undefined,
    set: async (key, value) => {
      values.set(key, JSON.stringify(value));
    },
    delete: async key => {
      values.delete(key);
    },
    withOptions: () => cache,
  };
  return cache;
}

/** Wraps each method of an upstream client so every call is recorded as a read. */
function recorded<T extends object>(
  target: T,
  name: string,
  spans: ReadSpan[],
): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || property === 'constructor')
        return value;
      return async (...args: unknown[]) => {
        const start = performance.now();
        try {
          return await value.apply(object, args);
        } finally {
          spans.push({
            what: `${name}.${String(property)}`,
            start,
            end: performance.now(),
          });
        }
      };
    },
  });
}

/** The longest run of reads each starting after the previous ended, and its duration. */
function criticalPath(spans: ReadSpan[]): { reads: number; ms: number } {
  const sorted = [...spans].sort((a, b) => a.end - b.end);
  const best = sorted.map(s => ({ reads: 1, ms: s.end - s.start }));
  sorted.forEach((span, i) => {
    for (let j = 0; j < i; j++) {
      if (sorted[j].end <= span.start + 1) {
        const candidate = best[j].ms + (span.end - span.start);
        if (candidate > best[i].ms)
          best[i] = { reads: best[j].reads + 1, ms: candidate };
      }
    }
  });
  return best.reduce((a, b) => (b.ms > a.ms ? b : a), { reads: 0, ms: 0 });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

const REALISM = {
  latencyMs: LATENCY_MS,
  principalReplicationDelayMs: 0,
  ficPropagationDelayMs: 0,
  ficWriteDurationMs: 0,
  pageSize: 100,
  throttle: undefined,
};

/** A sandbox of a world, and the inspector on it with every upstream read recorded. */
async function recordedWorld(catalogPath?: string) {
  const demo = await startDemoSandbox({ realism: REALISM, catalogPath });
  const world = demo.sandbox.demo!.world;
  const spans: ReadSpan[] = [];
  const live = createLiveInspector({
    config: demoPluginConfig(demo),
    clientOptions: demo.clientOptions,
    requestsOf: async () => [],
    issuerHistory: async () =>
      demoIssuerHistory(world, demo.sandbox.demo!.kubernetes),
  });
  const options = (live as any).options as ConstructorParameters<
    typeof LiveInspector
  >[0];
  const inspector = new LiveInspector({
    ...options,
    azure: recorded(options.azure, 'arm', spans),
    clusters: options.clusters.map(c => ({
      ...c,
      kubernetes: recorded(c.kubernetes, `k8s:${c.name}`, spans),
    })),
    // Only exchanges that reach the cluster and Entra ID count, not answers from the memo.
    ...probes(options.probe, spans),
  });
  const entities = world.components.map(d => ({
    entityRef: `component:default/${d.component.name}`,
    annotations: d.component.annotations,
  }));
  const chains = new ChainService({
    inspector,
    cache: memoryCache(),
    rules: HEALTH_RULES,
    ttlMs: 900_000,
    refreshThrottleMs: 10_000,
  });
  return { demo, world, spans, inspector, entities, chains };
}

/** The inspector's probes, as createLiveInspector layers them, over a recorded exchange. */
function probes(
  probe: TokenExchangeProbe | undefined,
  spans: ReadSpan[],
): { probe?: TokenExchangeProbe; scanProbe?: TokenExchangeProbe } {
  if (!probe) return {};
  const exchange: TokenExchangeProbe = (probe as any).options.probe;
  const viewer = new RateLimitedProbe({
    probe: recorded(exchange, 'probe', spans),
    minIntervalMs: 10_000,
  });
  return {
    probe: viewer,
    scanProbe: new RateLimitedProbe({
      probe: viewer,
      minIntervalMs: SCAN_PROBE_INTERVAL_MS,
    }),
  };
}

/** One fleet scan of every component: its wall time and upstream reads per component. */
async function fleetScan(
  recordedOne: Awaited<ReturnType<typeof recordedWorld>>,
) {
  const { spans, chains, entities } = recordedOne;
  spans.length = 0;
  const start = performance.now();
  const scan = chains.startScan();
  await Promise.all(entities.map(entity => scan.refresh(entity)));
  const ms = performance.now() - start;
  const byRead = new Map<string, number>();
  for (const span of spans) {
    const what = span.what.replace(/^k8s:[^.]+/, 'k8s');
    byRead.set(what, (byRead.get(what) ?? 0) + 1);
  }
  return {
    ms,
    perComponent: spans.length / entities.length,
    byRead: [...byRead.entries()]
      .sort((x, y) => y[1] - x[1])
      .map(([what, count]): [string, string] => [
        `    ${what}`,
        (count / entities.length).toFixed(2),
      ]),
  };
}

async function main() {
  const viewers = Number(process.argv[2] ?? 50);
  const fleetClusters = Number(process.env.FLEET_CLUSTERS ?? 5);
  const fleetPerCluster = Number(
    process.env.FLEET_COMPONENTS_PER_CLUSTER ?? 100,
  );
  const rows: [string, string][] = [];
  const demoWorld = await recordedWorld();
  const { demo, world, spans, inspector, entities, chains } = demoWorld;
  try {
    // Cold: one inspection of a healthy component, alone.
    const orders = entities.find(e => e.entityRef.endsWith('/orders-api'))!;
    spans.length = 0;
    const coldStart = performance.now();
    await inspector.inspect(orders);
    const coldMs = performance.now() - coldStart;
    const critical = criticalPath(spans);
    const coldReads = spans.length;

    // Fleet scan of the demo world: upstream reads per component.
    const demoScan = await fleetScan(demoWorld);

    // Viewers: warm from the cache, then the same reads uncached.
    const timed = async (read: () => Promise<unknown>) => {
      const start = performance.now();
      await read();
      return performance.now() - start;
    };
    const warm = await Promise.all(
      Array.from({ length: viewers }, (_, i) =>
        timed(() => chains.chainOf(entities[i % entities.length])),
      ),
    );
    const uncached = await Promise.all(
      Array.from({ length: viewers }, (_, i) =>
        timed(() => inspector.inspect(entities[i % entities.length])),
      ),
    );

    const f = (ms: number) => `${ms.toFixed(1)} ms`;
    rows.push(
      [`upstream latency per call`, `${LATENCY_MS} ms`],
      [
        `chain, warm cache, ${viewers} viewers: p50 / p95`,
        `${f(percentile(warm, 50))} / ${f(percentile(warm, 95))}`,
      ],
      [
        `chain, uncached, ${viewers} viewers: p50 / p95`,
        `${f(percentile(uncached, 50))} / ${f(percentile(uncached, 95))}`,
      ],
      [
        `uncached p95 / warm p95`,
        `${(percentile(uncached, 95) / percentile(warm, 95)).toFixed(0)}x`,
      ],
      [`cold inspection of orders-api: wall time`, f(coldMs)],
      [
        `  its critical path (${critical.reads} reads one after another)`,
        f(critical.ms),
      ],
      [`  wall time / critical path`, `${(coldMs / critical.ms).toFixed(2)}x`],
      [`  upstream reads`, String(coldReads)],
      [
        `fleet scan of ${entities.length} components on ${world.clusters.length} clusters`,
        f(demoScan.ms),
      ],
      [`  upstream reads per component`, demoScan.perComponent.toFixed(1)],
      ...demoScan.byRead,
    );
  } finally {
    await demo.stop();
  }

  // The same scan over a generated fleet, where what clusters and subscriptions share is spread
  // over many more components.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'awi-bench-fleet-'));
  const fleet = await recordedWorld(
    await writeFleetCatalog({
      dir,
      clusters: fleetClusters,
      componentsPerCluster: fleetPerCluster,
    }),
  );
  try {
    // The scans of one probe interval: the first probes every identity, the others reuse it.
    const scans = [];
    const perInterval =
      SCAN_PROBE_INTERVAL_MS / (SCAN_INTERVAL_MINUTES * 60_000);
    for (let i = 0; i < perInterval; i++) scans.push(await fleetScan(fleet));
    const [scan] = scans;
    const average =
      scans.reduce((sum, s) => sum + s.perComponent, 0) / scans.length;
    rows.push(
      [
        `fleet scan of ${fleet.entities.length} components on ${fleet.world.clusters.length} clusters`,
        `${(scan.ms / 1000).toFixed(1)} s`,
      ],
      [
        `  upstream reads per component, first scan`,
        scan.perComponent.toFixed(2),
      ],
      ...scan.byRead,
      [
        `  the next scans, reusing the probe`,
        scans
          .slice(1)
          .map(s => s.perComponent.toFixed(2))
          .join(', '),
      ],
      [
        `  per component per scan over ${perInterval} scans (${
          perInterval * SCAN_INTERVAL_MINUTES
        } min)`,
        average.toFixed(2),
      ],
      [
        `backend RSS`,
        `${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`,
      ],
    );
  } finally {
    await fleet.demo.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows)
    console.log(`${label.padEnd(width)}  ${value}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});

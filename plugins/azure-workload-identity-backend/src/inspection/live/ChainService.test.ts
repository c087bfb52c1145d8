import { CacheService } from '@backstage/backend-plugin-api';
import { HEALTH_RULES } from '../../rules';
import { baselineSnapshot } from '../__testUtils__/baselineWorld';
import { scenarioSnapshot } from '../__testUtils__/scenarios';
import { NOW } from '../__testUtils__/world';
import { InspectionSnapshot } from '../snapshot';
import { ChainService } from './ChainService';

/** A plain in-memory CacheService that honours nothing but get, set and delete. */
function memoryCache(): CacheService {
  const values = new Map<string, unknown>();
  const cache: CacheService = {
    get: async key => values.get(key) as any,
    set: async (key, value) => {
      values.set(key, JSON.parse(JSON.stringify(value)));
    },
    delete: async key => {
      values.delete(key);
    },
    withOptions: () => cache,
  };
  return cache;
}

const entity = {
  entityRef: 'component:default/orders-api',
  annotations: { 'backstage.io/kubernetes-id': 'orders-api' },
};

function setup(snapshot: () => InspectionSnapshot = baselineSnapshot) {
  let now = NOW.getTime();
  const reads: string[] = [];
  const service = new ChainService({
    inspector: {
      inspect: async e => {
        reads.push(e.entityRef);
        return snapshot();
      },
    },
    cache: memoryCache(),
    rules: HEALTH_RULES,
    ttlMs: 300_000,
    refreshThrottleMs: 10_000,
    now: () => new Date(now),
  });
  return { service, reads, advance: (ms: number) => (now += ms) };
}

/** A read that says when it has begun and ends only when released. */
function slowRead() {
  let release!: () => void;
  const gate = new Promise<void>(resolve => {
    release = resolve;
  });
  let begun!: () => void;
  const started = new Promise<void>(resolve => {
    begun = resolve;
  });
  return { begun, started, gate, release };
}

describe('ChainService', () => {
  it('draws a healthy chain link by link, with every link ok and no finding', async () => {
    const { service } = setup();
    const chain = await service.chainOf(entity);
    expect(chain.findings).toEqual([]);
    expect(Object.values(chain.links).every(state => state === 'ok')).toBe(
      true,
    );
    expect(chain.checkedAt).toBe(NOW.toISOString());
    expect(chain.bindings).toEqual([
      expect.objectContaining({
        usesWorkloadIdentity: true,
        cluster: 'aks-prod',
        namespace: 'orders',
        workload: 'deployment/orders-api',
        pods: 2,
        serviceAccount: 'orders-api',
        identity: expect.objectContaining({ name: 'wi-orders' }),
        federatedCredentials: [
          expect.objectContaining({
            subject: 'system:serviceaccount:orders:orders-api',
          }),
        ],
      }),
    ]);
  });

  it("reports a broken chain's finding with its link broken", async () => {
    const { service } = setup(() =>
      scenarioSnapshot('owner-on-storage-account'),
    );
    const chain = await service.chainOf(entity);
    expect(chain.findings.map(f => f.ruleId)).toContain('ra-privileged-role');
    expect(chain.links.roleassignment).not.toBe('ok');
  });

  it('serves viewers from the cache, and a refresh only once the throttle allows', async () => {
    const { service, reads, advance } = setup();
    expect((await service.chainOf(entity)).fromCache).toBe(false);
    expect((await service.chainOf(entity)).fromCache).toBe(true);
    advance(5_000);
    expect((await service.chainOf(entity, { refresh: true })).fromCache).toBe(
      true,
    );
    advance(6_000);
    const refreshed = await service.chainOf(entity, { refresh: true });
    expect(refreshed.fromCache).toBe(false);
    expect(refreshed.checkedAt).toBe(
      new Date(NOW.getTime() + 11_000).toISOString(),
    );
    expect(reads).toHaveLength(2);
  });

  it('keeps one chain per entity however its ref is spelled, named in the catalog spelling', async () => {
    const { service, reads } = setup();
    const shouted = { ...entity, entityRef: 'COMPONENT:Default/Orders-API' };
    const first = await service.chainOf(shouted);
    expect(first.entityRef).toBe('component:default/orders-api');
    expect(reads).toEqual(['component:default/orders-api']);
    expect((await service.chainOf(entity)).fromCache).toBe(true);
    expect((await service.chainOf(shouted, { refresh: true })).fromCache).toBe(
      true,
    );
    expect(await service.cached('component:DEFAULT/orders-api')).toEqual(
      expect.objectContaining({ entityRef: 'component:default/orders-api' }),
    );
    // What a scan reads and what a request forgets land on the same chain too.
    await service.startScan().refresh(shouted);
    expect(reads).toEqual([
      'component:default/orders-api',
      'component:default/orders-api',
    ]);
    await service.forget('Component:default/ORDERS-API');
    expect(await service.cached(entity.entityRef)).toBeUndefined();
  });

  it('reads anew after forgetting, even within the refresh throttle', async () => {
    const { service, reads } = setup();
    await service.chainOf(entity);
    await service.forget(entity.entityRef);
    expect(await service.cached(entity.entityRef)).toBeUndefined();
    expect((await service.chainOf(entity, { refresh: true })).fromCache).toBe(
      false,
    );
    expect(reads).toHaveLength(2);
  });

  it('does not cache what a read begun before forgetting saw, and reads anew after', async () => {
    const { begun, started, gate, release } = slowRead();
    const snapshots = [
      // The first read started before the request changed the chain, and ends after.
      async () => {
        begun();
        await gate;
        return scenarioSnapshot('fic-deleted');
      },
      async () => baselineSnapshot(),
    ];
    const service = new ChainService({
      inspector: { inspect: () => snapshots.shift()!() },
      cache: memoryCache(),
      rules: HEALTH_RULES,
      ttlMs: 300_000,
      refreshThrottleMs: 10_000,
      now: () => NOW,
    });
    const stale = service.chainOf(entity);
    await started;
    await service.forget(entity.entityRef);
    const fresh = await service.refresh(entity);
    release();
    expect((await stale).findings.length).toBeGreaterThan(0);
    expect(fresh.findings).toEqual([]);
    expect((await service.cached(entity.entityRef))?.findings).toEqual([]);
  });

  it('does not cache a read another replica began before it forgot the chain', async () => {
    let now = NOW.getTime();
    const { begun, started, gate, release } = slowRead();
    const cache = memoryCache();
    const replica = (inspect: () => Promise<InspectionSnapshot>) =>
      new ChainService({
        inspector: { inspect },
        cache,
        rules: HEALTH_RULES,
        ttlMs: 300_000,
        refreshThrottleMs: 10_000,
        now: () => new Date(now),
      });
    const scanning = replica(async () => {
      begun();
      await gate;
      return scenarioSnapshot('fic-deleted');
    });
    const serving = replica(async () => baselineSnapshot());

    const stale = scanning.chainOf(entity);
    await started;
    now += 1_000;
    await serving.forget(entity.entityRef);
    release();
    expect((await stale).findings.length).toBeGreaterThan(0);
    expect(await scanning.cached(entity.entityRef)).toBeUndefined();

    // A read begun after the change is cached as usual.
    now += 1_000;
    await serving.refresh(entity);
    expect((await scanning.cached(entity.entityRef))?.findings).toEqual([]);
  });

  it('reads once for viewers who arrive together', async () => {
    const { service, reads } = setup();
    await Promise.all([
      service.chainOf(entity),
      service.chainOf(entity),
      service.chainOf(entity),
    ]);
    expect(reads).toHaveLength(1);
  });

  it('reads a fleet scan through one scan of the inspector', async () => {
    const scans: string[] = [];
    const service = new ChainService({
      inspector: {
        inspect: async () => baselineSnapshot(),
        forScan: () => {
          scans.push('scan');
          return {
            inspect: async e => {
              scans.push(e.entityRef);
              return baselineSnapshot();
            },
          };
        },
      },
      cache: memoryCache(),
      rules: HEALTH_RULES,
      ttlMs: 300_000,
      refreshThrottleMs: 10_000,
      now: () => NOW,
    });
    const scan = service.startScan();
    await scan.refresh(entity);
    await scan.refresh({ ...entity, entityRef: 'component:default/billing' });
    expect(scans).toEqual([
      'scan',
      'component:default/orders-api',
      'component:default/billing',
    ]);
    expect((await service.chainOf(entity)).fromCache).toBe(true);
  });

  it('reads with the inspector for changes after a request changed the chain, and caches it', async () => {
    const used: string[] = [];
    const service = new ChainService({
      inspector: {
        inspect: async () => {
          used.push('viewer');
          return baselineSnapshot();
        },
        forChange: () => ({
          inspect: async () => {
            used.push('after a change');
            return baselineSnapshot();
          },
        }),
      },
      cache: memoryCache(),
      rules: HEALTH_RULES,
      ttlMs: 300_000,
      refreshThrottleMs: 10_000,
      now: () => NOW,
    });
    await service.refreshAfterChange(entity);
    expect(used).toEqual(['after a change']);
    // A viewer arriving next is served what that read found.
    expect((await service.chainOf(entity)).fromCache).toBe(true);
    expect(used).toEqual(['after a change']);
  });
});

import { TokenExchangeInput } from '../../clients/ProvisioningClients';
import { RateLimitedProbe } from './RateLimitedProbe';

const input: TokenExchangeInput = {
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  audience: 'api://AzureADTokenExchange',
  tenantId: '72f988bf-0000-0000-0000-000000000001',
  clientId: '4024ab25-56a8-4370-aea6-6389221caf29',
};

function setup(fail = false) {
  let now = 0;
  const calls: string[] = [];
  const probe = new RateLimitedProbe({
    probe: {
      exchange: async i => {
        calls.push(i.serviceAccountName);
        if (fail) throw new Error('cluster unreachable');
        return { ok: true };
      },
    },
    minIntervalMs: 60_000,
    now: () => now,
  });
  return { probe, calls, advance: (ms: number) => (now += ms) };
}

describe('RateLimitedProbe', () => {
  it('exchanges once per identity and service account per interval', async () => {
    const { probe, calls, advance } = setup();
    await Promise.all([probe.exchange(input), probe.exchange(input)]);
    advance(59_000);
    // Shared within the interval, saying when it was made.
    expect(await probe.exchange(input)).toEqual({
      ok: true,
      exchangedAt: new Date(0).toISOString(),
    });
    expect(calls).toHaveLength(1);
    await probe.exchange({ ...input, serviceAccountName: 'other' });
    expect(calls).toHaveLength(2);
    advance(2_000);
    await probe.exchange(input);
    expect(calls).toHaveLength(3);
  });

  it('does not remember a call that failed', async () => {
    const { probe, calls } = setup(true);
    await expect(probe.exchange(input)).rejects.toThrow('cluster unreachable');
    await expect(probe.exchange(input)).rejects.toThrow('cluster unreachable');
    expect(calls).toHaveLength(2);
  });

  it("lets a fleet scan reuse an older outcome while a viewer's read probes anew", async () => {
    let now = 0;
    const calls: number[] = [];
    const viewer = new RateLimitedProbe({
      probe: {
        exchange: async () => {
          calls.push(now);
          return { ok: true };
        },
      },
      minIntervalMs: 10_000,
      now: () => now,
    });
    const scan = new RateLimitedProbe({
      probe: viewer,
      minIntervalMs: 30 * 60_000,
      now: () => now,
    });
    await scan.exchange(input);
    now += 10 * 60_000;
    // The next scan, ten minutes on: the outcome of the first, and its time.
    expect(await scan.exchange(input)).toEqual({
      ok: true,
      exchangedAt: new Date(0).toISOString(),
    });
    expect(await viewer.exchange(input)).toEqual({
      ok: true,
      exchangedAt: new Date(now).toISOString(),
    });
    expect(calls).toEqual([0, 10 * 60_000]);
  });

  it('exchanges anew after a change, and later callers within the interval share that outcome', async () => {
    const { probe, calls, advance } = setup();
    await probe.exchange(input);
    advance(5_000);
    // A request changed the chain: the outcome from before it does not stand in.
    const anew = await probe.anew().exchange(input);
    expect(anew.exchangedAt).toBe(new Date(5_000).toISOString());
    expect(calls).toHaveLength(2);
    advance(1_000);
    expect((await probe.exchange(input)).exchangedAt).toBe(
      new Date(5_000).toISOString(),
    );
    expect(calls).toHaveLength(2);
  });
});

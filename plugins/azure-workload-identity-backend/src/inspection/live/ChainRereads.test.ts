import { ChainRereads } from './ChainRereads';

describe('ChainRereads', () => {
  it('reads a component once for a burst of changes, and once more after', async () => {
    const reads: string[] = [];
    const gates: Array<() => void> = [];
    const rereads = new ChainRereads(async entityRef => {
      reads.push(entityRef);
      await new Promise<void>(resolve => gates.push(resolve));
    });
    for (let i = 0; i < 20; i++)
      rereads.request('component:default/orders-api');
    rereads.request('component:default/billing');
    expect(reads).toEqual([
      'component:default/orders-api',
      'component:default/billing',
    ]);

    gates.shift()!();
    await new Promise(resolve => setImmediate(resolve));
    // The changes that came during the first read are read once more, after it.
    expect(reads).toEqual([
      'component:default/orders-api',
      'component:default/billing',
      'component:default/orders-api',
    ]);
    const done = rereads.settled();
    while (gates.length) gates.shift()!();
    await done;
    expect(reads).toHaveLength(3);
  });

  it('carries on after a read that failed', async () => {
    let calls = 0;
    const rereads = new ChainRereads(async () => {
      calls++;
      throw new Error('ARM did not answer');
    });
    rereads.request('component:default/orders-api');
    await rereads.settled();
    rereads.request('component:default/orders-api');
    await rereads.settled();
    expect(calls).toBe(2);
  });
});

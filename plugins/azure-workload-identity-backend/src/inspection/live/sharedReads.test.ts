import { sharedReads } from './sharedReads';

describe('sharedReads', () => {
  it('answers equal calls once, and different calls apart', async () => {
    const calls: string[] = [];
    const client = {
      async listServiceAccounts(namespace: string) {
        calls.push(namespace);
        return [`${namespace}-sa`];
      },
      async events(namespace: string, now: Date) {
        calls.push(`events ${namespace} ${now.toISOString()}`);
        return [];
      },
    };
    const memo = new Map<string, Promise<unknown>>();
    const shared = sharedReads(client, 'k8s', memo);
    const [a, b] = await Promise.all([
      shared.listServiceAccounts('orders'),
      shared.listServiceAccounts('orders'),
    ]);
    expect(a).toEqual(['orders-sa']);
    expect(b).toBe(a);
    await shared.listServiceAccounts('billing');
    await shared.events('orders', new Date('2026-01-01T00:00:00Z'));
    await shared.events('orders', new Date('2026-01-01T00:00:05Z'));
    expect(calls).toEqual([
      'orders',
      'billing',
      'events orders 2026-01-01T00:00:00.000Z',
    ]);
  });
});

import { SelfCheckReport } from '@backstage-community/plugin-azure-workload-identity-common';
import { RecentSelfCheck } from './RecentSelfCheck';

function countingChecker() {
  let calls = 0;
  let fail = false;
  return {
    get calls() {
      return calls;
    },
    failNext() {
      fail = true;
    },
    async check(): Promise<SelfCheckReport> {
      calls++;
      if (fail) {
        fail = false;
        throw new Error('ARM did not answer');
      }
      return {
        checkedAt: new Date(calls * 1000).toISOString(),
        ready: { inspection: true, provisioning: true },
        checks: [],
      } as unknown as SelfCheckReport;
    },
  };
}

describe('RecentSelfCheck', () => {
  let now = 0;
  const recent = (checker: ReturnType<typeof countingChecker>) =>
    new RecentSelfCheck({ checker, maxAgeMs: 60_000, now: () => now });

  beforeEach(() => {
    now = 0;
  });

  it('reuses a report younger than its age limit, and shares one in flight', async () => {
    const checker = countingChecker();
    const self = recent(checker);
    const [a, b] = await Promise.all([self.check(), self.check()]);
    expect(a).toBe(b);
    now = 59_999;
    expect(await self.check()).toBe(a);
    expect(checker.calls).toBe(1);
    now = 60_000;
    expect((await self.check()).checkedAt).not.toBe(a.checkedAt);
    expect(checker.calls).toBe(2);
  });

  it('checks anew when asked to refresh', async () => {
    const checker = countingChecker();
    const self = recent(checker);
    await self.check();
    await self.check({ refresh: true });
    expect(checker.calls).toBe(2);
  });

  it('does not keep a failed check', async () => {
    const checker = countingChecker();
    const self = recent(checker);
    checker.failNext();
    await expect(self.check()).rejects.toThrow('ARM did not answer');
    await expect(self.check()).resolves.toBeDefined();
    expect(checker.calls).toBe(2);
  });
});

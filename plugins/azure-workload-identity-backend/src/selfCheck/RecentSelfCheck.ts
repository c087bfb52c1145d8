import { SelfCheckReport } from '@backstage-community/plugin-azure-workload-identity-common';

/** Whatever answers the self-check; `refresh` asks anew instead of reusing a recent answer. */
export interface SelfCheck {
  check(options?: { refresh?: boolean }): Promise<SelfCheckReport>;
}

/**
 * The self-check's last report, reused for a while. One check asks ARM about every resource
 * group and each cluster a dozen access reviews; the inventory page asks on every visit, and
 * the portal's rights change seldom. Concurrent visitors share one check in flight; a failed
 * check is not kept.
 */
export class RecentSelfCheck implements SelfCheck {
  private last?: { at: number; report: Promise<SelfCheckReport> };

  constructor(
    private readonly options: {
      checker: { check(): Promise<SelfCheckReport> };
      maxAgeMs: number;
      now?: () => number;
    },
  ) {}

  check(options: { refresh?: boolean } = {}): Promise<SelfCheckReport> {
    const now = this.options.now?.() ?? Date.now();
    if (
      !options.refresh &&
      this.last &&
      now - this.last.at < this.options.maxAgeMs
    ) {
      return this.last.report;
    }
    const report = this.options.checker.check();
    const entry = { at: now, report };
    this.last = entry;
    report.catch(() => {
      if (this.last === entry) this.last = undefined;
    });
    return report;
  }
}

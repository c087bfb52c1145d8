import { AccessRequestSpec } from '@backstage-community/plugin-azure-workload-identity-common';
import { Plan, PlanOutcome, PlanRefusal } from '../planning/Plan';
import { planDiff, PlanStepChange } from '../planning/planDiff';
import { canonicalJson } from '../planning/planHash';
import { AccessRequestRecord } from '../requests/types';
import { Clock, systemClock } from './retry';

/** How long a plan made from live state stands for live state, unless configured. */
export const DEFAULT_PLAN_FRESH_FOR_MS = 60_000;

export interface DriftCheckOptions {
  /** Plans a request anew from live state: the pre-flight reads. */
  replan(spec: AccessRequestSpec): Promise<PlanOutcome>;
  /**
   * How long a plan made from live state vouches for it under the same plan hash, so a
   * check that follows closely (the apply right after an approval) reads nothing again.
   * 0 plans again every time.
   */
  freshForMs?: number;
  clock?: Pick<Clock, 'now'>;
}

/** What live state says about a request's stored plan. */
export type DriftOutcome =
  /** Live state gives the same plan; `replanned` is false when a fresh plan vouched for it. */
  | { drift: 'none'; replanned: boolean }
  /** Live state gives another plan: the caller stores it, and decides who sees it. */
  | { drift: 'changed'; plan: Plan; changes: PlanStepChange[] }
  /** Live state allows no plan any more. */
  | { drift: 'refused'; refusals: PlanRefusal[] };

/** The parts of a request the check reads. */
export type DriftCheckedRequest = Pick<
  AccessRequestRecord,
  'spec' | 'plan' | 'planHash'
>;

/**
 * Whether a request's stored plan still describes live state: the one check that approval and
 * apply both make. Planning is a function of the spec and live state, so a plan made for the
 * same spec moments ago with the same hash answers the question without reading live state
 * again; an older plan, or one with another hash, does not.
 */
export class DriftCheck {
  private readonly freshForMs: number;
  private readonly clock: Pick<Clock, 'now'>;
  /** The latest plan made from live state, by spec. Pruned as it grows: no entry outlives the window. */
  private readonly recentPlans = new Map<
    string,
    { planHash: string; madeAt: number }
  >();

  constructor(private readonly options: DriftCheckOptions) {
    this.freshForMs = options.freshForMs ?? DEFAULT_PLAN_FRESH_FOR_MS;
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Plans from live state, and remembers the plan as fresh. Planning a new request through
   * this makes the apply that follows it read nothing again.
   */
  async plan(spec: AccessRequestSpec): Promise<PlanOutcome> {
    const outcome = await this.options.replan(spec);
    const key = canonicalJson(spec);
    if (outcome.ok) this.remember(key, outcome.plan.planHash);
    else this.recentPlans.delete(key);
    return outcome;
  }

  async check(request: DriftCheckedRequest): Promise<DriftOutcome> {
    if (this.isFresh(request)) return { drift: 'none', replanned: false };
    const outcome = await this.plan(request.spec);
    if (!outcome.ok) return { drift: 'refused', refusals: outcome.refusals };
    const plan = outcome.plan;
    if (plan.planHash === request.planHash) {
      return { drift: 'none', replanned: true };
    }
    return {
      drift: 'changed',
      plan,
      changes: planDiff(request.plan?.steps ?? [], plan.steps),
    };
  }

  private isFresh(request: DriftCheckedRequest): boolean {
    if (!request.planHash) return false;
    const recent = this.recentPlans.get(canonicalJson(request.spec));
    return (
      recent !== undefined &&
      recent.planHash === request.planHash &&
      this.clock.now() - recent.madeAt < this.freshForMs
    );
  }

  private remember(key: string, planHash: string): void {
    if (this.freshForMs <= 0) return;
    const now = this.clock.now();
    for (const [other, recent] of this.recentPlans) {
      if (now - recent.madeAt >= this.freshForMs)
        this.recentPlans.delete(other);
    }
    this.recentPlans.set(key, { planHash, madeAt: now });
  }
}

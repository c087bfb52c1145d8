import { Knex } from 'knex';
import {
  ApplyStore,
  FinishOptions,
  LeaseLostError,
  LeaseOptions,
  StepRecord,
} from '../provisioning/ApplyStore';
import { Plan } from '../planning/Plan';
import { AccessRequestRecord, JsonObject } from '../requests/types';
import { isOpenStatus } from './openGrantKey';
import {
  EVENTS_TABLE,
  EventRow,
  REQUESTS_TABLE,
  RequestRow,
  toRequestEvent,
  toRequestRecord,
} from './rowMapping';

/**
 * Leases and step records on the plugin's database. Every guard is in an UPDATE's WHERE
 * clause, so the database decides between racing replicas; the loser updates zero rows.
 * Lease times come from the callers' clock (epoch ms), so tests can move time.
 */
export class KnexApplyStore implements ApplyStore {
  private readonly knex: Knex;
  private readonly now: () => number;

  constructor(options: { knex: Knex; now?: () => number }) {
    this.knex = options.knex;
    this.now = options.now ?? Date.now;
  }

  async claim(options: LeaseOptions): Promise<AccessRequestRecord | undefined> {
    const { id, owner, leaseMs } = options;
    return this.knex.transaction(async trx => {
      const row = await trx<RequestRow>(REQUESTS_TABLE).where({ id }).first();
      if (!row) return undefined;
      const now = this.now();
      const takeover = row.status === 'applying';
      if (!takeover && row.status !== 'approved') return undefined;

      const update = trx(REQUESTS_TABLE).where({ id, status: row.status });
      if (takeover) {
        update.where(q =>
          q.whereNull('lease_expires_at').orWhere('lease_expires_at', '<', now),
        );
      }
      const updated = await update.update({
        status: 'applying',
        lease_owner: owner,
        lease_expires_at: now + leaseMs,
        updated_at: trx.fn.now(),
      });
      if (updated === 0) return undefined;

      await trx<EventRow>(EVENTS_TABLE).insert({
        request_id: id,
        type: takeover ? 'apply-resumed' : 'apply-started',
        actor: owner,
        plan_hash: row.plan_hash,
        detail: JSON.stringify(
          takeover
            ? { from: 'applying', to: 'applying', lastStep: row.current_step }
            : { from: 'approved', to: 'applying' },
        ),
      });
      const claimed = await trx<RequestRow>(REQUESTS_TABLE)
        .where({ id })
        .first();
      return toRequestRecord(claimed as RequestRow);
    });
  }

  async listClaimable(options: { limit: number }): Promise<string[]> {
    const now = this.now();
    return this.knex<RequestRow>(REQUESTS_TABLE)
      .where('status', 'approved')
      .orWhere(q =>
        q
          .where('status', 'applying')
          .andWhere(l =>
            l
              .whereNull('lease_expires_at')
              .orWhere('lease_expires_at', '<', now),
          ),
      )
      .orderBy('updated_at', 'asc')
      .orderBy('id', 'asc')
      .limit(options.limit)
      .pluck('id');
  }

  async renewLease(options: LeaseOptions): Promise<void> {
    const updated = await this.leased(this.knex, options).update({
      lease_expires_at: this.now() + options.leaseMs,
    });
    if (updated === 0) throw new LeaseLostError(options.id);
  }

  async recordStep(record: StepRecord): Promise<void> {
    await this.knex.transaction(async trx => {
      const updated = await this.leased(trx, record).update({
        current_step: record.stepId,
        lease_expires_at: this.now() + record.leaseMs,
        updated_at: trx.fn.now(),
      });
      if (updated === 0) throw new LeaseLostError(record.id);
      await trx<EventRow>(EVENTS_TABLE).insert({
        request_id: record.id,
        type: record.type,
        actor: record.owner,
        plan_hash: record.planHash,
        detail: JSON.stringify({ step: record.stepId, ...record.detail }),
      });
    });
  }

  async appliedSteps(options: {
    id: string;
    planHash: string;
  }): Promise<Map<string, JsonObject>> {
    const rows = await this.knex<EventRow>(EVENTS_TABLE)
      .where({
        request_id: options.id,
        type: 'step-applied',
        plan_hash: options.planHash,
      })
      .orderBy('id', 'asc');
    const applied = new Map<string, JsonObject>();
    for (const event of rows.map(r => toRequestEvent(r as EventRow))) {
      const { step, ...outputs } = event.detail ?? {};
      if (typeof step === 'string') applied.set(step, outputs);
    }
    return applied;
  }

  async replacePlan(options: {
    id: string;
    owner: string;
    plan: Plan;
    to: 'applying' | 'pending-approval';
    detail?: JsonObject;
  }): Promise<AccessRequestRecord> {
    return this.knex.transaction(async trx => {
      const before = await trx<RequestRow>(REQUESTS_TABLE)
        .where({ id: options.id })
        .first();
      const handBack = options.to === 'pending-approval';
      const updated = await this.leased(trx, options).update({
        status: options.to,
        plan: JSON.stringify(options.plan),
        plan_hash: options.plan.planHash,
        ...(handBack ? { lease_owner: null, lease_expires_at: null } : {}),
        updated_at: trx.fn.now(),
      });
      if (updated === 0) throw new LeaseLostError(options.id);
      await trx<EventRow>(EVENTS_TABLE).insert({
        request_id: options.id,
        type: 'plan-changed',
        actor: options.owner,
        plan_hash: options.plan.planHash,
        detail: JSON.stringify({
          from: 'applying',
          to: options.to,
          previousPlanHash: before?.plan_hash ?? null,
          ...options.detail,
        }),
      });
      const row = await trx<RequestRow>(REQUESTS_TABLE)
        .where({ id: options.id })
        .first();
      return toRequestRecord(row as RequestRow);
    });
  }

  async finish(options: FinishOptions): Promise<AccessRequestRecord> {
    return this.knex.transaction(async trx => {
      const updated = await this.leased(trx, options).update({
        status: options.to,
        lease_owner: null,
        lease_expires_at: null,
        // A failed request no longer holds its grant: an identical request may be made.
        ...(isOpenStatus(options.to) ? {} : { open_grant_key: null }),
        updated_at: trx.fn.now(),
      });
      if (updated === 0) throw new LeaseLostError(options.id);
      await trx<EventRow>(EVENTS_TABLE).insert({
        request_id: options.id,
        type: options.to === 'active' ? 'apply-completed' : 'apply-failed',
        actor: options.owner,
        plan_hash: options.planHash,
        detail: JSON.stringify({
          from: 'applying',
          to: options.to,
          ...options.detail,
        }),
      });
      const row = await trx<RequestRow>(REQUESTS_TABLE)
        .where({ id: options.id })
        .first();
      return toRequestRecord(row as RequestRow);
    });
  }

  // Only the lease owner writes. A replica paused past its lease that wakes up after another
  // took the request over finds zero rows here instead of overwriting its successor's
  // progress; if no one took over meanwhile, carrying on is safe and saves the work.
  private leased(knex: Knex, options: Pick<LeaseOptions, 'id' | 'owner'>) {
    return knex(REQUESTS_TABLE).where({
      id: options.id,
      status: 'applying',
      lease_owner: options.owner,
    });
  }
}

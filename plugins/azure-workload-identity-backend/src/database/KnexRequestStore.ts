import { Knex } from 'knex';
import { identityStepOf } from '../planning/identityStepOf';
import { Plan } from '../planning/Plan';
import { createRequestIdGenerator } from '../requests/requestId';
import { RequestConflictError, RequestNotFoundError } from '../requests/errors';
import {
  AccessRequestRecord,
  AccessRequestWithEvents,
  RequestEvent,
  RequestStatus,
} from '../requests/types';
import {
  isOpenGrantKeyViolation,
  isOpenStatus,
  openGrantKey,
} from './openGrantKey';
import {
  AppendEventOptions,
  CreateRequestOptions,
  CreateRequestResult,
  GrantAlreadyOpenError,
  ListRequestsPage,
  ListRequestsQuery,
  ReplacePlanOptions,
  RequestStore,
  TransitionOptions,
} from './RequestStore';
import {
  decodeCursor,
  encodeCursor,
  EVENTS_TABLE,
  EventRow,
  RequestRow,
  REQUESTS_TABLE,
  toRequestEvent,
  toRequestRecord,
} from './rowMapping';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The request store on the plugin's database: SQLite in development, PostgreSQL in production. */
export class KnexRequestStore implements RequestStore {
  private readonly newId: () => string;

  constructor(private readonly options: { knex: Knex; newId?: () => string }) {
    this.newId = options.newId ?? createRequestIdGenerator();
  }

  async createRequest(
    options: CreateRequestOptions,
  ): Promise<CreateRequestResult> {
    const key = openGrantKey(options.spec);
    // The unique index decides between identical requests racing in: one insert wins, the
    // others fail and answer with the winner. A winner closed in the meantime frees the key.
    for (let attempt = 1; ; attempt++) {
      try {
        return { ...(await this.insertRequest(options, key)), created: true };
      } catch (error) {
        if (!isOpenGrantKeyViolation(error) || attempt >= 3) throw error;
      }
      const open = await this.options
        .knex<RequestRow>(REQUESTS_TABLE)
        .where({ open_grant_key: key })
        .first();
      if (open)
        return { ...toRequestRecord(open as RequestRow), created: false };
    }
  }

  private async insertRequest(
    options: CreateRequestOptions,
    openKey: string,
  ): Promise<AccessRequestRecord> {
    const { spec, plan } = options;
    const id = this.newId();
    return this.options.knex.transaction(async trx => {
      await trx(REQUESTS_TABLE).insert({
        id,
        entity_ref: spec.entityRef,
        requested_by: options.requestedBy,
        status: options.status,
        cluster: spec.cluster,
        namespace: spec.namespace,
        service_account: spec.serviceAccountName,
        spec: JSON.stringify(spec),
        plan: JSON.stringify(plan),
        plan_hash: plan.planHash,
        identity_id: identityIdOf(plan),
        open_grant_key: openKey,
        expires_at: spec.expiresAt
          ? new Date(spec.expiresAt).toISOString()
          : null,
      });
      await insertEvent(trx, {
        requestId: id,
        type: 'created',
        actor: options.requestedBy,
        planHash: plan.planHash,
        detail: { status: options.status, ...options.detail },
      });
      return (await readRequest(trx, id))!;
    });
  }

  async getRequest(options: {
    id: string;
  }): Promise<AccessRequestWithEvents | undefined> {
    const { knex } = this.options;
    const request = await readRequest(knex, options.id);
    if (!request) return undefined;
    // The autoincrement id, not the timestamp, orders the timeline: SQLite keeps seconds only.
    const events = await knex<EventRow>(EVENTS_TABLE)
      .where({ request_id: options.id })
      .orderBy('id', 'asc');
    return { ...request, events: events.map(toRequestEvent) };
  }

  async listRequests(query: ListRequestsQuery): Promise<ListRequestsPage> {
    const { knex } = this.options;
    const limit = Math.min(
      Math.max(query.limit ?? DEFAULT_PAGE_SIZE, 1),
      MAX_PAGE_SIZE,
    );
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const filtered = () => {
      const builder = knex<RequestRow>(REQUESTS_TABLE);
      if (query.entityRef) builder.where('entity_ref', query.entityRef);
      if (query.status) builder.where('status', query.status);
      if (query.requestedBy) builder.where('requested_by', query.requestedBy);
      if (query.identityId)
        builder.where('identity_id', query.identityId.toLowerCase());
      return builder;
    };

    const pageQuery = filtered();
    // Ids are UUIDv7, increasing with creation time: descending id is newest first.
    if (after) pageQuery.where('id', '<', after);
    const [rows, [{ count }]] = await Promise.all([
      pageQuery.orderBy('id', 'desc').limit(limit + 1),
      filtered().count({ count: '*' }),
    ]);

    const items = (rows as RequestRow[]).slice(0, limit).map(toRequestRecord);
    return {
      items,
      totalCount: Number(count),
      nextCursor:
        rows.length > limit
          ? encodeCursor(items[items.length - 1].id)
          : undefined,
    };
  }

  async appendEvent(options: AppendEventOptions): Promise<RequestEvent> {
    return this.options.knex.transaction(async trx => {
      const exists = await trx(REQUESTS_TABLE)
        .where({ id: options.requestId })
        .first('id');
      if (!exists) throw new RequestNotFoundError(options.requestId);
      return insertEvent(trx, options);
    });
  }

  async transition(options: TransitionOptions): Promise<AccessRequestRecord> {
    const { id, from, to, planHash } = options;
    return this.refusingSecondOpen(id, from, () =>
      this.options.knex.transaction(async trx => {
        // The guard is in the WHERE clause, so the database decides which of two racing
        // replicas wins: the loser updates zero rows.
        const update = trx(REQUESTS_TABLE).where({ id, status: from });
        if (planHash) update.where('plan_hash', planHash);
        const updated = await update.update({
          status: to,
          ...(await openGrantKeyChange(trx, { id, from, to })),
          updated_at: trx.fn.now(),
        });

        if (updated === 0) {
          throw await whyNotUpdated(trx, id, { status: from, planHash });
        }

        await insertEvent(trx, {
          requestId: id,
          type: options.type,
          actor: options.actor,
          planHash,
          detail: { from, to, ...options.detail },
        });
        return (await readRequest(trx, id))!;
      }),
    );
  }

  // Reopening a request whose grant another open request holds fails on the unique index;
  // PostgreSQL aborts the transaction then, so the holder is looked up after it.
  private async refusingSecondOpen<T>(
    id: string,
    from: RequestStatus,
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isOpenGrantKeyViolation(error)) throw error;
      const { knex } = this.options;
      const row = await knex<RequestRow>(REQUESTS_TABLE).where({ id }).first();
      const holder = row
        ? await knex<RequestRow>(REQUESTS_TABLE)
            .where({ open_grant_key: openGrantKey(JSON.parse(row.spec)) })
            .whereNot({ id })
            .first('id')
        : undefined;
      throw new GrantAlreadyOpenError(id, from, holder?.id);
    }
  }

  async listExpired(options: { now: Date; limit: number }): Promise<string[]> {
    return (
      this.options
        .knex<RequestRow>(REQUESTS_TABLE)
        .where('status', 'active')
        .whereNotNull('expires_at')
        // ISO text sorts like time, which is what SQLite stores; PostgreSQL casts it.
        .andWhere('expires_at', '<=', options.now.toISOString())
        .orderBy('expires_at', 'asc')
        .limit(options.limit)
        .pluck('id')
    );
  }

  async replacePlan(options: ReplacePlanOptions): Promise<AccessRequestRecord> {
    const { id, from, expectedPlanHash, to, plan } = options;
    return this.refusingSecondOpen(id, from, () =>
      this.options.knex.transaction(async trx => {
        const updated = await trx(REQUESTS_TABLE)
          .where({ id, status: from, plan_hash: expectedPlanHash })
          .update({
            status: to,
            plan: JSON.stringify(plan),
            plan_hash: plan.planHash,
            identity_id: identityIdOf(plan),
            ...(await openGrantKeyChange(trx, { id, from, to })),
            updated_at: trx.fn.now(),
          });
        if (updated === 0) {
          throw await whyNotUpdated(trx, id, {
            status: from,
            planHash: expectedPlanHash,
          });
        }
        await insertEvent(trx, {
          requestId: id,
          type: options.type,
          actor: options.actor,
          planHash: plan.planHash,
          detail: {
            from,
            to,
            previousPlanHash: expectedPlanHash,
            ...options.detail,
          },
        });
        return (await readRequest(trx, id))!;
      }),
    );
  }
}

/**
 * How `open_grant_key` follows a change of status: cleared on leaving the open statuses, set
 * again on coming back to them (a retried request), kept while moving among them.
 */
async function openGrantKeyChange(
  knex: Knex,
  move: { id: string; from: RequestStatus; to: RequestStatus },
): Promise<{ open_grant_key?: string | null }> {
  if (!isOpenStatus(move.to)) return { open_grant_key: null };
  if (isOpenStatus(move.from)) return {};
  const row = await knex<RequestRow>(REQUESTS_TABLE)
    .where({ id: move.id })
    .first('spec');
  return row ? { open_grant_key: openGrantKey(JSON.parse(row.spec)) } : {};
}

// A guarded update changed no row: the request is gone, or it is not as the caller expected.
async function whyNotUpdated(
  knex: Knex,
  id: string,
  expected: { status: RequestStatus; planHash?: string },
): Promise<Error> {
  const current = await readRequest(knex, id);
  if (!current) return new RequestNotFoundError(id);
  return new RequestConflictError(id, expected, {
    status: current.status,
    planHash: current.planHash,
  });
}

async function readRequest(
  knex: Knex,
  id: string,
): Promise<AccessRequestRecord | undefined> {
  const row = await knex<RequestRow>(REQUESTS_TABLE).where({ id }).first();
  return row ? toRequestRecord(row as RequestRow) : undefined;
}

/** The plan's managed identity, lower case: the `identity_id` column. */
function identityIdOf(plan: Plan): string | null {
  return identityStepOf(plan)?.resourceId.toLowerCase() ?? null;
}

async function insertEvent(
  knex: Knex,
  options: AppendEventOptions,
): Promise<RequestEvent> {
  const [row] = await knex<EventRow>(EVENTS_TABLE)
    .insert({
      request_id: options.requestId,
      type: options.type,
      actor: options.actor,
      plan_hash: options.planHash ?? null,
      detail: options.detail ? JSON.stringify(options.detail) : null,
    })
    .returning('*');
  return toRequestEvent(row as EventRow);
}

import { AccessRequestSpec } from '@backstage-community/plugin-azure-workload-identity-common';
import { Plan } from '../planning/Plan';
import { RequestConflictError } from '../requests/errors';
import {
  AccessRequestRecord,
  AccessRequestWithEvents,
  JsonObject,
  RequestEvent,
  RequestStatus,
} from '../requests/types';

export interface CreateRequestOptions {
  spec: AccessRequestSpec;
  /** User entity ref of the requester; also the actor of the `created` event. */
  requestedBy: string;
  status: Extract<RequestStatus, 'pending-approval' | 'approved'>;
  plan: Plan;
  /** Extra facts for the `created` event, e.g. why approval is or is not needed. */
  detail?: JsonObject;
}

/**
 * The stored request. `created` is false when an identical request (same grant) was already
 * open: this is that request, and nothing new was stored.
 */
export type CreateRequestResult = AccessRequestRecord & { created: boolean };

export interface ListRequestsQuery {
  entityRef?: string;
  status?: RequestStatus;
  requestedBy?: string;
  /** Requests whose plan uses this managed identity (resource id, any case). */
  identityId?: string;
  /** 1–100; defaults to 20. */
  limit?: number;
  /** From a previous page's `nextCursor`. */
  cursor?: string;
}

export interface ListRequestsPage {
  /** Newest first. */
  items: AccessRequestRecord[];
  /** How many requests match the filters, over all pages. */
  totalCount: number;
  /** Absent on the last page. */
  nextCursor?: string;
}

export interface AppendEventOptions {
  requestId: string;
  type: string;
  actor: string;
  planHash?: string;
  detail?: JsonObject;
}

export interface TransitionOptions {
  id: string;
  from: RequestStatus;
  to: RequestStatus;
  actor: string;
  /** The event's type, e.g. `approved`, `apply-started`. */
  type: string;
  /**
   * The plan the actor decided on. When given, the request must still carry this plan hash,
   * so an approval never applies to a plan that changed after the approver read it.
   */
  planHash?: string;
  detail?: JsonObject;
}

export interface ReplacePlanOptions {
  id: string;
  /** The request must still be in this status with this plan, else RequestConflictError. */
  from: RequestStatus;
  expectedPlanHash: string;
  to: RequestStatus;
  plan: Plan;
  actor: string;
  /** The event's type, e.g. `plan-changed`. */
  type: string;
  detail?: JsonObject;
}

/**
 * Requests and their audit trail. Every change of status goes through `transition`, which
 * moves a request only if it is still in the expected state, so two replicas acting on the
 * same request cannot both succeed.
 */
export interface RequestStore {
  /**
   * Stores the request, its plan and a `created` event together, or nothing. While a request
   * for the same grant is open (pending-approval, approved, applying or active), stores
   * nothing and answers with that one instead, also when the two arrive at once.
   */
  createRequest(options: CreateRequestOptions): Promise<CreateRequestResult>;
  /** Undefined when there is no such request. */
  getRequest(options: {
    id: string;
  }): Promise<AccessRequestWithEvents | undefined>;
  /** Throws InvalidCursorError for a cursor this store did not hand out. */
  listRequests(query: ListRequestsQuery): Promise<ListRequestsPage>;
  /** Throws RequestNotFoundError when the request does not exist. */
  appendEvent(options: AppendEventOptions): Promise<RequestEvent>;
  /**
   * Throws RequestNotFoundError, or RequestConflictError when the request moved on, or
   * GrantAlreadyOpenError when reopening it would make a second open request for its grant.
   */
  transition(options: TransitionOptions): Promise<AccessRequestRecord>;
  /**
   * Swaps the request's plan for one planned anew (live state moved), with an event that
   * carries the difference. Throws RequestNotFoundError or RequestConflictError.
   */
  replacePlan(options: ReplacePlanOptions): Promise<AccessRequestRecord>;
  /** Ids of active requests whose expiry is at or before `now`, oldest expiry first. */
  listExpired(options: { now: Date; limit: number }): Promise<string[]>;
}

/** A list cursor that is malformed or from elsewhere. */
export class InvalidCursorError extends Error {
  readonly name = 'InvalidCursorError';
  constructor() {
    super(
      'the cursor is not one this API handed out; start again without a cursor',
    );
  }
}

/**
 * A closed request cannot be opened again (e.g. a failed one retried) while another request
 * for the same grant is open: two would apply and revoke the same access.
 */
export class GrantAlreadyOpenError extends RequestConflictError {
  constructor(
    requestId: string,
    status: RequestStatus,
    readonly openRequestId: string | undefined,
  ) {
    super(requestId, { status }, { status });
    this.message = `request '${requestId}' asks for the same access as ${
      openRequestId ? `request '${openRequestId}'` : 'another request'
    }, which is open; follow that one, or cancel or revoke it before trying this one again`;
  }
}

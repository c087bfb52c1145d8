import { Plan } from '../planning/Plan';
import { AccessRequestRecord, JsonObject } from '../requests/types';

/** Who applies, for how long: a replica's claim on one request. */
export interface LeaseOptions {
  id: string;
  /** The replica, unique per process. */
  owner: string;
  leaseMs: number;
}

export interface StepRecord {
  id: string;
  owner: string;
  leaseMs: number;
  stepId: string;
  type: 'step-started' | 'step-applied' | 'step-retrying';
  planHash: string;
  detail?: JsonObject;
}

export interface FinishOptions {
  id: string;
  owner: string;
  to: 'active' | 'failed';
  planHash: string;
  detail?: JsonObject;
}

/**
 * The provisioner's view of the request store. A request is applied under a lease: claiming
 * moves it to `applying` and makes the caller its owner until the lease runs out; every step
 * recorded renews the lease, and only the owner may record. A replica that dies stops renewing,
 * so another one takes the request over and resumes from the steps recorded as applied.
 */
export interface ApplyStore {
  /**
   * Claims this request if it is `approved`, or `applying` under an expired lease. Undefined
   * when it is not claimable (someone else holds it, or it is in another state).
   */
  claim(options: LeaseOptions): Promise<AccessRequestRecord | undefined>;
  /** Ids of requests claimable now, oldest first. */
  listClaimable(options: { limit: number }): Promise<string[]>;
  /** Extends the lease; throws LeaseLostError when it is no longer the caller's. */
  renewLease(options: LeaseOptions): Promise<void>;
  /** Records a step event and renews the lease; throws LeaseLostError when it is not ours. */
  recordStep(record: StepRecord): Promise<void>;
  /** Outputs of the steps recorded as applied under this plan hash, by step id. */
  appliedSteps(options: {
    id: string;
    planHash: string;
  }): Promise<Map<string, JsonObject>>;
  /**
   * Puts a plan made anew from live state in place of the approved one before any step ran:
   * `applying` carries on with it (no approval needed), `pending-approval` releases the lease
   * and hands it back to a person. Throws LeaseLostError when the lease is not ours.
   */
  replacePlan(options: {
    id: string;
    owner: string;
    plan: Plan;
    to: 'applying' | 'pending-approval';
    detail?: JsonObject;
  }): Promise<AccessRequestRecord>;
  /** Ends the apply run: the final status, an event, the lease released. */
  finish(options: FinishOptions): Promise<AccessRequestRecord>;
}

/** Another replica took the request over: this one must stop without writing anything more. */
export class LeaseLostError extends Error {
  readonly name = 'LeaseLostError';
  constructor(readonly requestId: string) {
    super(
      `request '${requestId}' is no longer leased to this replica; another one took it over`,
    );
  }
}

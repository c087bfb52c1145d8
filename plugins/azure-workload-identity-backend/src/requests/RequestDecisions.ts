import { RequestStore } from '../database/RequestStore';
import { RequestNotifier } from '../notifications/RequestNotifier';
import { Planner } from '../planning/Planner';
import { DriftCheck } from '../provisioning/checkDrift';
import {
  NotRequesterError,
  PlanDriftedError,
  PlanRefusedError,
  RequestConflictError,
  RequestNotFoundError,
  SelfDecisionError,
} from './errors';
import { AccessRequestRecord, JsonObject } from './types';

/** The actor of events the plugin itself causes, e.g. a plan replaced after drift. */
export const PLUGIN_ACTOR = 'plugin:azure-workload-identity';

/**
 * People's decisions on requests: approve, reject, cancel. Whether the person may approve at
 * all is the permission framework's call, made by the router; here are the rules no policy
 * can relax: nobody decides on their own request, an approval covers exactly the plan the
 * approver read, and a plan that live state has changed is shown again before it applies.
 */
export class RequestDecisions {
  private readonly driftCheck: DriftCheck;

  constructor(
    private readonly options: {
      store: RequestStore;
      planner: Pick<Planner, 'plan'>;
      /**
       * The provisioner's, shared so the apply that follows an approval does not read live
       * state again. Absent, approvals get a check of their own that plans with `planner`.
       */
      driftCheck?: DriftCheck;
      startApply?: (requestId: string) => void;
      notifier?: RequestNotifier;
    },
  ) {
    this.driftCheck =
      options.driftCheck ??
      new DriftCheck({ replan: spec => options.planner.plan(spec) });
  }

  async approve(options: {
    id: string;
    actor: string;
    planHash: string;
    comment?: string;
  }): Promise<AccessRequestRecord> {
    const request = await this.pending(options.id);
    if (request.requestedBy === options.actor) {
      throw new SelfDecisionError(request.id);
    }
    if (request.planHash !== options.planHash) {
      throw new RequestConflictError(
        request.id,
        { status: 'pending-approval', planHash: options.planHash },
        { status: request.status, planHash: request.planHash },
      );
    }
    await this.refusePlanDrift(request);

    const approved = await this.options.store.transition({
      id: request.id,
      from: 'pending-approval',
      to: 'approved',
      actor: options.actor,
      type: 'approved',
      planHash: options.planHash,
      detail: options.comment ? { comment: options.comment } : undefined,
    });
    await this.options.notifier?.approved(approved, options.actor);
    this.options.startApply?.(request.id);
    return approved;
  }

  async reject(options: {
    id: string;
    actor: string;
    reason: string;
  }): Promise<AccessRequestRecord> {
    const request = await this.pending(options.id);
    if (request.requestedBy === options.actor) {
      throw new SelfDecisionError(request.id);
    }
    const rejected = await this.options.store.transition({
      id: request.id,
      from: 'pending-approval',
      to: 'rejected',
      actor: options.actor,
      type: 'rejected',
      detail: { reason: options.reason },
    });
    await this.options.notifier?.rejected(
      rejected,
      options.actor,
      options.reason,
    );
    return rejected;
  }

  /**
   * Applies a failed request again, from the steps it had not finished: its requester may ask,
   * or anyone the caller has checked the permission policy allows (`mayManage`). Steps already
   * applied are not redone.
   */
  async retry(options: {
    id: string;
    actor: string;
    mayManage: boolean;
  }): Promise<AccessRequestRecord> {
    const request = await this.get(options.id);
    if (request.requestedBy !== options.actor && !options.mayManage) {
      throw new NotRequesterError(request.id, request.requestedBy, 'retry');
    }
    const retried = await this.options.store.transition({
      id: request.id,
      from: 'failed',
      to: 'approved',
      actor: options.actor,
      type: 'retried',
      planHash: request.planHash,
    });
    this.options.startApply?.(request.id);
    return retried;
  }

  /**
   * Withdraws a request that has not started applying: its requester, or anyone the caller has
   * checked the permission policy allows (`mayManage`), e.g. the component's owners.
   */
  async cancel(options: {
    id: string;
    actor: string;
    mayManage: boolean;
  }): Promise<AccessRequestRecord> {
    const request = await this.get(options.id);
    if (request.requestedBy !== options.actor && !options.mayManage) {
      throw new NotRequesterError(request.id, request.requestedBy);
    }
    const from = request.status;
    if (from !== 'pending-approval' && from !== 'approved') {
      throw new RequestConflictError(
        request.id,
        { status: 'pending-approval' },
        { status: from, planHash: request.planHash },
      );
    }
    return this.options.store.transition({
      id: request.id,
      from,
      to: 'cancelled',
      actor: options.actor,
      type: 'cancelled',
    });
  }

  // A plan that live state has changed replaces the stored one, and the approver is told what
  // changed instead of approving what no longer describes the change.
  private async refusePlanDrift(request: AccessRequestRecord): Promise<void> {
    const drift = await this.driftCheck.check(request);
    if (drift.drift === 'refused') throw new PlanRefusedError(drift.refusals);
    if (drift.drift === 'none') return;

    await this.options.store.replacePlan({
      id: request.id,
      from: 'pending-approval',
      expectedPlanHash: request.planHash!,
      to: 'pending-approval',
      plan: drift.plan,
      actor: PLUGIN_ACTOR,
      type: 'plan-changed',
      detail: {
        changes: drift.changes.map(c => ({ ...c })) as unknown as JsonObject[],
      },
    });
    throw new PlanDriftedError(request.id, drift.plan.planHash, drift.changes);
  }

  private async pending(id: string): Promise<AccessRequestRecord> {
    const request = await this.get(id);
    if (request.status !== 'pending-approval') {
      throw new RequestConflictError(
        id,
        { status: 'pending-approval' },
        { status: request.status, planHash: request.planHash },
      );
    }
    return request;
  }

  async get(id: string): Promise<AccessRequestRecord> {
    const request = await this.options.store.getRequest({ id });
    if (!request) throw new RequestNotFoundError(id);
    return request;
  }
}

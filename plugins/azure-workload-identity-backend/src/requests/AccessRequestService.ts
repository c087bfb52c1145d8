import { AccessRequestSpec } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  ListRequestsPage,
  ListRequestsQuery,
  RequestStore,
} from '../database/RequestStore';
import { Plan } from '../planning/Plan';
import { Planner } from '../planning/Planner';
import { RequestNotifier } from '../notifications/RequestNotifier';
import { PlanRefusedError, RequestNotFoundError } from './errors';
import { AccessRequestWithEvents } from './types';

/**
 * The request use cases the HTTP API offers, free of HTTP: plan (a dry run that writes
 * nothing), create (plan, decide approval, store), read and list.
 */
export class AccessRequestService {
  constructor(
    private readonly options: {
      planner: Planner;
      store: RequestStore;
      /**
       * Starts applying an approved request in the background; the caller follows its
       * progress on the request's timeline. Absent when provisioning is not configured:
       * approved requests then wait until it is.
       */
      startApply?: (requestId: string) => void;
      notifier?: RequestNotifier;
    },
  ) {}

  /** Throws PlanRefusedError when no plan can be made. */
  async plan(spec: AccessRequestSpec): Promise<Plan> {
    const outcome = await this.options.planner.plan(spec);
    if (!outcome.ok) throw new PlanRefusedError(outcome.refusals);
    return outcome.plan;
  }

  /**
   * Stores the request, or answers with the identical open request already stored (`created`
   * false): a retry or a concurrent duplicate never makes a second grant.
   */
  async create(options: {
    spec: AccessRequestSpec;
    requestedBy: string;
  }): Promise<{ request: AccessRequestWithEvents; created: boolean }> {
    const plan = await this.plan(options.spec);
    const { id, created: isNew } = await this.options.store.createRequest({
      spec: options.spec,
      requestedBy: options.requestedBy,
      // The policy decided in the plan; a person's approval comes later through transition.
      status: plan.requiresApproval ? 'pending-approval' : 'approved',
      plan,
      detail: {
        requiresApproval: plan.requiresApproval,
        approvalReasons: plan.approvalReasons.map(r => r.code),
      },
    });
    const request = await this.get(id);
    // An identical open request answered instead: it was notified and started when made.
    if (!isNew) return { request, created: false };
    if (plan.requiresApproval) {
      await this.options.notifier?.awaitingApproval(request);
    } else {
      this.options.startApply?.(id);
    }
    return { request, created: true };
  }

  /** Throws RequestNotFoundError for an unknown id. */
  async get(id: string): Promise<AccessRequestWithEvents> {
    const request = await this.options.store.getRequest({ id });
    if (!request) throw new RequestNotFoundError(id);
    return request;
  }

  list(query: ListRequestsQuery): Promise<ListRequestsPage> {
    return this.options.store.listRequests(query);
  }
}

import {
  AccessRequestSpec,
  AccessRequestWithEvents,
  ChainView,
  Plan,
  PlanStep,
  RequestEvent,
  RequestStatus,
} from '@backstage-community/plugin-azure-workload-identity-common';

/**
 * The parts of the backend plugin's HTTP API this module uses. Its bodies are the family's
 * wire types from the common package, named here for what this module does with them.
 */

export type { RequestStatus };

/**
 * One entry of a request's timeline, oldest first.
 *
 * @public
 */
export type RequestEventView = RequestEvent;

/** @public */
export type PlanView = Plan;

/** @public */
export type PlanStepView = PlanStep;

/** @public */
export type AccessRequestView = AccessRequestWithEvents;

/**
 * Every call is made with a token of the user the module acts for.
 *
 * @public
 */
export interface CallOptions {
  token: string;
  /** Aborts the call, e.g. when the scaffolder task is cancelled. */
  signal?: AbortSignal;
}

/** @public */
export interface AzureWorkloadIdentityApi {
  /** `POST /plan`: validates and plans, stores nothing. */
  plan(options: CallOptions & { spec: AccessRequestSpec }): Promise<PlanView>;
  /** `POST /requests`: creates a request; the backend decides whether it needs approval. */
  createRequest(
    options: CallOptions & { spec: AccessRequestSpec },
  ): Promise<AccessRequestView>;
  /** `GET /requests/:id`: the request with its timeline. */
  getRequest(
    options: CallOptions & { requestId: string },
  ): Promise<AccessRequestView>;
  /**
   * `GET /chain/:kind/:namespace/:name`: the component's live chain, read as the user, which
   * names the workloads that actually run. Optional, so an implementation written before it
   * still fits: without it, the next step names no workload.
   */
  getChain?(options: CallOptions & { entityRef: string }): Promise<ChainView>;
  /** `POST /requests/:id/revoke`: starts tearing the chain down. */
  revokeRequest(
    options: CallOptions & { requestId: string },
  ): Promise<AccessRequestView>;
}

import { AccessRequestSpec } from '@internal/plugin-azure-workload-identity-common';

/**
 * The parts of the backend plugin's HTTP API this module uses, as it answers them. Only the
 * fields read here are typed; the backend may send more.
 */

export type RequestStatus =
  | 'pending-approval'
  | 'approved'
  | 'applying'
  | 'active'
  | 'failed'
  | 'rejected'
  | 'cancelled'
  | 'revoking'
  | 'revoked';

/** One entry of a request's timeline, oldest first. */
export interface RequestEventView {
  /** Increasing in timeline order. */
  id: string;
  type: string;
  actor: string;
  planHash?: string;
  detail?: { [key: string]: unknown };
  createdAt: string;
}

export interface PlanStepView {
  id: string;
  kind: string;
  action?: string;
  why: string;
  name?: string;
  cluster?: string;
  namespace?: string;
  subject?: string;
  roleName?: string;
  scope?: string;
  serviceAccountName?: string;
}

export interface PlanView {
  planHash: string;
  steps: PlanStepView[];
  requiresApproval: boolean;
  approvalReasons: { code: string; message: string }[];
  notes?: { field: string; level: string; code: string; message: string }[];
}

export interface AccessRequestView {
  id: string;
  entityRef: string;
  requestedBy: string;
  status: RequestStatus;
  cluster: string;
  namespace: string;
  serviceAccountName: string;
  plan?: PlanView;
  planHash?: string;
  createdAt: string;
  updatedAt: string;
  events: RequestEventView[];
}

/** Every call is made with a token of the user the module acts for. */
export interface CallOptions {
  token: string;
  /** Aborts the call, e.g. when the scaffolder task is cancelled. */
  signal?: AbortSignal;
}

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
  /** `POST /requests/:id/revoke`: starts tearing the chain down. */
  revokeRequest(
    options: CallOptions & { requestId: string },
  ): Promise<AccessRequestView>;
}

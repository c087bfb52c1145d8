import { AccessRequestSpec } from './accessRequest';
import { Plan } from './plan';

// Event details are stored as JSON text; this keeps them JSON-shaped at compile time.
/** @public */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };
/** @public */
export type JsonObject = { [key: string]: JsonValue };

/**
 * Every state a request can be in; the provisioner and approvals move it between them.
 *
 * @public
 */
export const REQUEST_STATUSES = [
  'pending-approval',
  'approved',
  'applying',
  'active',
  'failed',
  'rejected',
  'cancelled',
  'revoking',
  'revoked',
] as const;

/** @public */
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * A stored request for Azure access, with the plan it was (last) planned with.
 *
 * @public
 */
export interface AccessRequestRecord {
  id: string;
  entityRef: string;
  requestedBy: string;
  status: RequestStatus;
  cluster: string;
  namespace: string;
  serviceAccountName: string;
  spec: AccessRequestSpec;
  plan?: Plan;
  planHash?: string;
  /** The last step the provisioner recorded, for resuming after a restart. */
  currentStep?: string;
  expiresAt?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * One entry of a request's audit trail.
 *
 * @public
 */
export interface RequestEvent {
  /** Database-assigned and increasing: the timeline's order. */
  id: string;
  requestId: string;
  type: string;
  actor: string;
  planHash?: string;
  detail?: JsonObject;
  createdAt: string;
}

/** @public */
export interface AccessRequestWithEvents extends AccessRequestRecord {
  /** Oldest first. */
  events: RequestEvent[];
}

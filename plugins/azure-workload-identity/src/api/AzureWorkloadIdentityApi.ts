import { createApiRef } from '@backstage/core-plugin-api';
import {
  AccessRequestRecord,
  AccessRequestSpec,
  AccessRequestWithEvents,
  ChainView,
  ClusterChoice,
  InputProblem,
  InventoryResponse,
  Plan,
  RequestStatus,
  ResourceChoice,
  ResourceTypeChoice,
  SelfCheckReport,
} from '@backstage-community/plugin-azure-workload-identity-common';

/**
 * The chain as `GET /chain` answers it, with whether it came from the cache.
 *
 * @public
 */
export type ChainAnswer = ChainView & { fromCache: boolean };

/**
 * The backend's answer to a plan: the plan, or why none can be made, field by field.
 *
 * @public
 */
export type PlanAnswer =
  | { ok: true; plan: Plan }
  | { ok: false; message: string; problems: InputProblem[] };

/**
 * Which requests to list; every filter is optional, and `cursor` reads the next page.
 *
 * @public
 */
export interface RequestQuery {
  entityRef?: string;
  status?: RequestStatus;
  requestedBy?: string;
  limit?: number;
  cursor?: string;
}

/**
 * One page of requests, newest first; `nextCursor` is set when more follow.
 *
 * @public
 */
export interface RequestPage {
  items: AccessRequestRecord[];
  nextCursor?: string;
}

/**
 * Everything the plugin's pages, card and form ask of its backend, as the signed-in user.
 * An app may register its own implementation under {@link azureWorkloadIdentityApiRef}, e.g.
 * to add headers or to serve a demo without a backend.
 *
 * @public
 */
export interface AzureWorkloadIdentityApi {
  /** A component's live chain; `refresh` asks the backend to read it anew. */
  getChain(options: {
    entityRef: string;
    refresh?: boolean;
  }): Promise<ChainAnswer>;

  listRequests(query: RequestQuery): Promise<RequestPage>;
  /** One request with its timeline, oldest event first. */
  getRequest(id: string): Promise<AccessRequestWithEvents>;
  cancelRequest(id: string): Promise<void>;
  /** Applies a failed request again; what was applied is not redone. */
  retryRequest(id: string): Promise<void>;
  /** Takes the access away; `deleteIdentity` deletes the identity if nothing else uses it. */
  revokeRequest(options: {
    id: string;
    reason?: string;
    deleteIdentity?: boolean;
  }): Promise<void>;
  /** Approves exactly the plan of this hash; a plan that has changed since is refused. */
  approveRequest(options: {
    id: string;
    planHash: string;
    comment?: string;
  }): Promise<void>;
  rejectRequest(options: { id: string; reason: string }): Promise<void>;

  /** The fleet's role assignments, one row per role on a scope. */
  getInventory(): Promise<InventoryResponse>;
  /** The portal's check of its own rights; `refresh` checks anew. */
  getSelfCheck(options?: { refresh?: boolean }): Promise<SelfCheckReport>;

  /** The request form's choices. */
  listClusters(): Promise<ClusterChoice[]>;
  listNamespaces(cluster: string): Promise<string[]>;
  listResources(): Promise<ResourceChoice[]>;
  listResourceTypes(): Promise<ResourceTypeChoice[]>;
  /** A dry run: the backend plans and stores nothing. Refusals of the input are answers. */
  planRequest(spec: AccessRequestSpec): Promise<PlanAnswer>;
}

/**
 * The plugin's client of its backend. The plugin registers {@link AzureWorkloadIdentityClient}
 * under it; an app replaces it by registering an API factory for the same ref.
 *
 * @public
 */
export const azureWorkloadIdentityApiRef =
  createApiRef<AzureWorkloadIdentityApi>({
    id: 'plugin.azure-workload-identity.service',
  });

/**
 * A refusal from the backend, in its words, with its HTTP status (so a page can say "no such
 * request" for a 404, or leave out a panel the viewer may not see on a 403); a plan that has
 * drifted carries its changes.
 *
 * @public
 */
export class AzureWorkloadIdentityApiError extends Error {
  readonly status?: number;
  readonly changes?: { stepId: string; summary: string }[];

  constructor(options: {
    message: string;
    status?: number;
    changes?: { stepId: string; summary: string }[];
  }) {
    super(options.message);
    this.name = 'AzureWorkloadIdentityApiError';
    this.status = options.status;
    this.changes = options.changes;
  }
}

import { DiscoveryService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  AccessRequestSpec,
  AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
  ChainView,
  parseEntityRefParts,
} from '@backstage-community/plugin-azure-workload-identity-common';
import {
  AccessRequestView,
  AzureWorkloadIdentityApi,
  CallOptions,
  PlanView,
} from './AzureWorkloadIdentityApi';
import { AzureWorkloadIdentityApiError } from './AzureWorkloadIdentityApiError';

/** A call that hangs (a stuck proxy) must not hold a scaffolder task forever. */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Talks to the backend plugin over HTTP with the token it is given for each call.
 *
 * @public
 */
export class AzureWorkloadIdentityApiClient
  implements AzureWorkloadIdentityApi
{
  private readonly discovery: DiscoveryService;
  private readonly timeoutMs: number;

  constructor(options: { discovery: DiscoveryService; timeoutMs?: number }) {
    this.discovery = options.discovery;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async plan(
    options: CallOptions & { spec: AccessRequestSpec },
  ): Promise<PlanView> {
    const body = await this.call({
      route: 'POST /plan',
      path: '/plan',
      options,
      body: options.spec,
    });
    const plan = field(body, 'plan');
    if (typeof plan?.planHash !== 'string' || !Array.isArray(plan.steps)) {
      throw unexpected('POST /plan', 'a plan');
    }
    return plan as unknown as PlanView;
  }

  async createRequest(
    options: CallOptions & { spec: AccessRequestSpec },
  ): Promise<AccessRequestView> {
    const body = await this.call({
      route: 'POST /requests',
      path: '/requests',
      options,
      body: options.spec,
    });
    return requestOf(body, 'POST /requests');
  }

  async getRequest(
    options: CallOptions & { requestId: string },
  ): Promise<AccessRequestView> {
    const body = await this.call({
      route: 'GET /requests/:id',
      path: `/requests/${encodeURIComponent(options.requestId)}`,
      options,
    });
    return requestOf(body, 'GET /requests/:id');
  }

  async getChain(
    options: CallOptions & { entityRef: string },
  ): Promise<ChainView> {
    const { kind, namespace, name } = parseEntityRefParts(options.entityRef);
    const body = await this.call({
      route: 'GET /chain/:kind/:namespace/:name',
      path: `/chain/${[kind, namespace, name]
        .map(encodeURIComponent)
        .join('/')}`,
      options,
    });
    // The chain is the body itself, not a field of it.
    const chain = body as { [key: string]: unknown } | null;
    if (
      typeof chain?.entityRef !== 'string' ||
      !Array.isArray(chain.bindings) ||
      !Array.isArray(chain.findings)
    ) {
      throw unexpected('GET /chain/:kind/:namespace/:name', 'a chain');
    }
    return chain as unknown as ChainView;
  }

  async revokeRequest(
    options: CallOptions & { requestId: string },
  ): Promise<AccessRequestView> {
    const body = await this.call({
      route: 'POST /requests/:id/revoke',
      path: `/requests/${encodeURIComponent(options.requestId)}/revoke`,
      options,
      body: {},
    });
    return requestOf(body, 'POST /requests/:id/revoke');
  }

  private async call(request: {
    /** Method and route, as errors name the operation. */
    route: `${'GET' | 'POST'} /${string}`;
    path: string;
    options: CallOptions;
    body?: unknown;
  }): Promise<unknown> {
    const { route: operation, path, options, body } = request;
    const method = operation.slice(0, operation.indexOf(' '));
    // Asked on every call, as the discovery service requires, so routing may change.
    const baseUrl = await this.discovery.getBaseUrl(
      AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
    );
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${options.token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: options.signal
          ? AbortSignal.any([options.signal, timeout])
          : timeout,
      });
    } catch (error) {
      // The caller cancelled: let that through as it is rather than as a backend problem.
      if (options.signal?.aborted) throw error;
      throw new AzureWorkloadIdentityApiError({
        operation,
        message: `could not reach the Azure Workload Identity backend at ${baseUrl}: ${
          timeout.aborted
            ? `no answer within ${Math.round(this.timeoutMs / 1000)}s`
            : reasonOf(error)
        }`,
        cause: error,
      });
    }
    if (!response.ok) {
      throw await AzureWorkloadIdentityApiError.fromResponse(
        response,
        operation,
      );
    }
    try {
      return await response.json();
    } catch {
      throw unexpected(operation, 'JSON');
    }
  }
}

function requestOf(body: unknown, operation: string): AccessRequestView {
  const request = field(body, 'request');
  if (
    typeof request?.id !== 'string' ||
    typeof request.status !== 'string' ||
    !Array.isArray(request.events)
  ) {
    throw unexpected(operation, 'a request with its events');
  }
  return request as unknown as AccessRequestView;
}

function field(
  body: unknown,
  name: string,
): { [key: string]: unknown } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as { [key: string]: unknown })[name];
  return typeof value === 'object' && value !== null
    ? (value as { [key: string]: unknown })
    : undefined;
}

// A backend of another version, or something else answering on its path: say so plainly
// instead of failing later on a missing field. It answered, so asking again will not help.
function unexpected(
  operation: string,
  expected: string,
): AzureWorkloadIdentityApiError {
  return new AzureWorkloadIdentityApiError({
    operation,
    transient: false,
    message: `the Azure Workload Identity backend did not answer ${operation} with ${expected}; check that its version matches this scaffolder module`,
  });
}

function reasonOf(error: unknown): string {
  // Shape checks, not instanceof: fetch's errors may come from another realm.
  if (!isError(error)) return String(error);
  // fetch reports the network failure (ECONNREFUSED, ENOTFOUND) as its cause.
  const cause = (error as { cause?: unknown }).cause;
  return isError(cause) ? cause.message : error.message;
}

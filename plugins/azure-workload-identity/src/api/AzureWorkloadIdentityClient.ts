import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  AccessRequestSpec,
  AccessRequestWithEvents,
  ClusterChoice,
  InventoryResponse,
  ResourceChoice,
  ResourceTypeChoice,
  SelfCheckReport,
} from '@backstage-community/plugin-azure-workload-identity-common';
import {
  AzureWorkloadIdentityApi,
  ChainAnswer,
  PlanAnswer,
  RequestPage,
  RequestQuery,
} from './AzureWorkloadIdentityApi';
import { backendError, BackendApis, callBackend } from './callBackend';

/**
 * The default {@link AzureWorkloadIdentityApi}: the plugin's backend, found through the app's
 * discovery API and called through its fetch API, so the user's token goes with every call.
 *
 * @public
 */
export class AzureWorkloadIdentityClient implements AzureWorkloadIdentityApi {
  private readonly apis: BackendApis;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.apis = {
      discoveryApi: options.discoveryApi,
      fetchApi: options.fetchApi,
    };
  }

  async getChain(options: {
    entityRef: string;
    refresh?: boolean;
  }): Promise<ChainAnswer> {
    const { kind, namespace, name } = parseEntityRef(options.entityRef);
    const path = [kind, namespace, name].map(encodeURIComponent).join('/');
    return this.get(`/chain/${path}${options.refresh ? '?refresh=true' : ''}`);
  }

  async listRequests(query: RequestQuery): Promise<RequestPage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const answer = await this.get(`/requests?${params}`);
    return {
      items: answer.items ?? [],
      ...(answer.nextCursor ? { nextCursor: answer.nextCursor } : {}),
    };
  }

  async getRequest(id: string): Promise<AccessRequestWithEvents> {
    return (await this.get(`/requests/${encodeURIComponent(id)}`)).request;
  }

  async cancelRequest(id: string): Promise<void> {
    await this.post(`/requests/${encodeURIComponent(id)}/cancel`, {});
  }

  async retryRequest(id: string): Promise<void> {
    await this.post(`/requests/${encodeURIComponent(id)}/retry`, {});
  }

  async revokeRequest(options: {
    id: string;
    reason?: string;
    deleteIdentity?: boolean;
  }): Promise<void> {
    await this.post(`/requests/${encodeURIComponent(options.id)}/revoke`, {
      ...(options.reason ? { reason: options.reason } : {}),
      ...(options.deleteIdentity ? { deleteIdentity: true } : {}),
    });
  }

  async approveRequest(options: {
    id: string;
    planHash: string;
    comment?: string;
  }): Promise<void> {
    await this.post(`/requests/${encodeURIComponent(options.id)}/approve`, {
      planHash: options.planHash,
      ...(options.comment ? { comment: options.comment } : {}),
    });
  }

  async rejectRequest(options: { id: string; reason: string }): Promise<void> {
    await this.post(`/requests/${encodeURIComponent(options.id)}/reject`, {
      reason: options.reason,
    });
  }

  async getInventory(): Promise<InventoryResponse> {
    return this.get('/inventory');
  }

  async getSelfCheck(options?: {
    refresh?: boolean;
  }): Promise<SelfCheckReport> {
    return this.get(
      options?.refresh ? '/self-check?refresh=true' : '/self-check',
    );
  }

  async listClusters(): Promise<ClusterChoice[]> {
    return (await this.get('/catalog/clusters')).clusters;
  }

  async listNamespaces(cluster: string): Promise<string[]> {
    return (
      await this.get(
        `/catalog/clusters/${encodeURIComponent(cluster)}/namespaces`,
      )
    ).namespaces;
  }

  async listResources(): Promise<ResourceChoice[]> {
    return (await this.get('/catalog/resources')).resources;
  }

  async listResourceTypes(): Promise<ResourceTypeChoice[]> {
    return (await this.get('/catalog/roles')).resourceTypes;
  }

  async planRequest(spec: AccessRequestSpec): Promise<PlanAnswer> {
    const answer = await callBackend(this.apis, '/plan', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(spec),
    });
    if (answer.ok) return { ok: true, plan: answer.body.plan };
    // A 400 says what to change in the form; anything else is a refusal of the request itself.
    if (answer.status === 400) {
      return {
        ok: false,
        message: answer.body?.error?.message ?? 'the request was refused',
        problems: answer.body?.error?.problems ?? [],
      };
    }
    throw backendError(answer);
  }

  private async get(path: string): Promise<any> {
    const answer = await callBackend(this.apis, path);
    if (!answer.ok) throw backendError(answer);
    return answer.body;
  }

  private async post(path: string, body: object): Promise<any> {
    const answer = await callBackend(this.apis, path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!answer.ok) throw backendError(answer);
    return answer.body;
  }
}

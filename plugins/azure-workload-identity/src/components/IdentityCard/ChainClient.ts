import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
  ChainView,
} from '@internal/plugin-azure-workload-identity-common';

/** The chain as `GET /chain` answers it, with whether it came from the cache. */
export type ChainAnswer = ChainView & { fromCache: boolean };

/** Reads a component's live chain from the backend, as the signed-in user. */
export class ChainClient {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async chainOf(
    entityRef: string,
    options: { refresh?: boolean } = {},
  ): Promise<ChainAnswer> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const base = await this.options.discoveryApi.getBaseUrl(
      AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
    );
    const response = await this.options.fetchApi.fetch(
      `${base}/chain/${encodeURIComponent(kind)}/${encodeURIComponent(
        namespace,
      )}/${encodeURIComponent(name)}${options.refresh ? '?refresh=true' : ''}`,
    );
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(
        body?.error?.message ??
          `the Azure Workload Identity backend answered HTTP ${response.status}`,
      );
    }
    return body;
  }
}

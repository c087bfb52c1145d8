import { parseEntityRef } from '@backstage/catalog-model';
import { ChainView } from '@backstage-community/plugin-azure-workload-identity-common';
import { BackendApis, getFromBackend } from '../../api/callBackend';

/** The chain as `GET /chain` answers it, with whether it came from the cache. */
export type ChainAnswer = ChainView & { fromCache: boolean };

/** Reads a component's live chain from the backend, as the signed-in user. */
export class ChainClient {
  constructor(private readonly apis: BackendApis) {}

  async chainOf(
    entityRef: string,
    options: { refresh?: boolean } = {},
  ): Promise<ChainAnswer> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    return getFromBackend(
      this.apis,
      `/chain/${encodeURIComponent(kind)}/${encodeURIComponent(
        namespace,
      )}/${encodeURIComponent(name)}${options.refresh ? '?refresh=true' : ''}`,
    );
  }
}

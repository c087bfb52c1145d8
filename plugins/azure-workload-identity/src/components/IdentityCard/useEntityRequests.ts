import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import {
  AccessRequestWithEvents,
  AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
} from '@internal/plugin-azure-workload-identity-common';
import { useEffect, useState } from 'react';

export type EntityRequestsState =
  | { loading: true }
  | { loading: false; requests: AccessRequestWithEvents[] }
  | { loading: false; error: string };

/** The entity's requests with their timelines, read from the backend as the signed-in user. */
export function useEntityRequests(entityRef: string): EntityRequestsState {
  const discovery = useApi(discoveryApiRef);
  const { fetch } = useApi(fetchApiRef);
  const [state, setState] = useState<EntityRequestsState>({ loading: true });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const base = await discovery.getBaseUrl(
        AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
      );
      const list = await readJson(
        fetch,
        `${base}/requests?entityRef=${encodeURIComponent(entityRef)}&limit=5`,
      );
      // The list holds records; the card wants each one's latest event too.
      const requests = await Promise.all(
        (list.items as { id: string }[]).map(
          async item =>
            (
              await readJson(fetch, `${base}/requests/${item.id}`)
            ).request as AccessRequestWithEvents,
        ),
      );
      if (!cancelled) setState({ loading: false, requests });
    })().catch(error => {
      if (!cancelled) {
        setState({ loading: false, error: (error as Error).message });
      }
    });
    return () => {
      cancelled = true;
    };
  }, [discovery, fetch, entityRef]);

  return state;
}

async function readJson(
  fetch: typeof window.fetch,
  url: string,
): Promise<Record<string, any>> {
  const response = await fetch(url);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(
      body?.error?.message ?? `the backend answered HTTP ${response.status}`,
    );
  }
  return body;
}

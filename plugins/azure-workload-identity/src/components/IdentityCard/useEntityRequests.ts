import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { AccessRequestWithEvents } from '@backstage-community/plugin-azure-workload-identity-common';
import { useEffect, useState } from 'react';
import { getFromBackend } from '../../api/callBackend';

export type EntityRequestsState =
  | { loading: true }
  | { loading: false; requests: AccessRequestWithEvents[] }
  | { loading: false; error: string };

/** The entity's requests with their timelines, read from the backend as the signed-in user. */
export function useEntityRequests(entityRef: string): EntityRequestsState {
  const discovery = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [state, setState] = useState<EntityRequestsState>({ loading: true });

  useEffect(() => {
    let cancelled = false;
    const apis = { discoveryApi: discovery, fetchApi };
    (async () => {
      const list = await getFromBackend(
        apis,
        `/requests?entityRef=${encodeURIComponent(entityRef)}&limit=5`,
      );
      // The list holds records; the card wants each one's latest event too.
      const requests = await Promise.all(
        (list.items as { id: string }[]).map(
          async item =>
            (
              await getFromBackend(apis, `/requests/${item.id}`)
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
  }, [discovery, fetchApi, entityRef]);

  return state;
}

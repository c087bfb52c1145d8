import { useApi } from '@backstage/core-plugin-api';
import { AccessRequestWithEvents } from '@backstage-community/plugin-azure-workload-identity-common';
import { useEffect, useState } from 'react';
import { azureWorkloadIdentityApiRef } from '../../api';
import { requestsWithTimelines } from '../../api/requestsWithTimelines';

export type EntityRequestsState =
  | { loading: true }
  | { loading: false; requests: AccessRequestWithEvents[] }
  | { loading: false; error: string };

/** The entity's requests with their timelines, read from the backend as the signed-in user. */
export function useEntityRequests(entityRef: string): EntityRequestsState {
  const api = useApi(azureWorkloadIdentityApiRef);
  const [state, setState] = useState<EntityRequestsState>({ loading: true });

  useEffect(() => {
    let cancelled = false;
    requestsWithTimelines(api, { entityRef, limit: 5 })
      .then(requests => {
        if (!cancelled) setState({ loading: false, requests });
      })
      .catch(error => {
        if (!cancelled) {
          setState({ loading: false, error: (error as Error).message });
        }
      });
    return () => {
      cancelled = true;
    };
  }, [api, entityRef]);

  return state;
}

import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { SelfCheckReport } from '@backstage-community/plugin-azure-workload-identity-common';
import { useEffect } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { backendError, callBackend } from '../../api/callBackend';

/**
 * The portal's check of its own rights. `forbidden` when the signed-in user may not see it
 * (only the platform team may), so the page can leave the panel out instead of showing an error.
 * The backend answers a recent check; `checkAgain` asks it to check anew (after granting).
 */
export function useSelfCheck() {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [state, run] = useAsyncFn(
    async (
      refresh: boolean,
    ): Promise<
      | { kind: 'report'; report: SelfCheckReport }
      | { kind: 'forbidden' }
      | { kind: 'unconfigured'; message: string }
    > => {
      const answer = await callBackend(
        { discoveryApi, fetchApi },
        refresh ? '/self-check?refresh=true' : '/self-check',
      );
      if (answer.ok) return { kind: 'report', report: answer.body };
      if (answer.status === 403) return { kind: 'forbidden' };
      if (answer.status === 503) {
        return { kind: 'unconfigured', message: backendError(answer).message };
      }
      throw backendError(answer);
    },
    [discoveryApi, fetchApi],
  );
  useEffect(() => {
    run(false);
  }, [run]);
  // Until the first run starts, the state says nothing is loading yet.
  const loading = state.loading || (!state.value && !state.error);
  return { ...state, loading, checkAgain: () => run(true) };
}

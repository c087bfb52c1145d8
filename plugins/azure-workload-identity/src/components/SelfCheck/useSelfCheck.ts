import { useApi } from '@backstage/core-plugin-api';
import { SelfCheckReport } from '@backstage-community/plugin-azure-workload-identity-common';
import { useEffect } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import {
  azureWorkloadIdentityApiRef,
  AzureWorkloadIdentityApiError,
} from '../../api';

/**
 * The portal's check of its own rights. `forbidden` when the signed-in user may not see it
 * (only the platform team may), so the page can leave the panel out instead of showing an error.
 * The backend answers a recent check; `checkAgain` asks it to check anew (after granting).
 */
export function useSelfCheck() {
  const api = useApi(azureWorkloadIdentityApiRef);
  const [state, run] = useAsyncFn(
    async (
      refresh: boolean,
    ): Promise<
      | { kind: 'report'; report: SelfCheckReport }
      | { kind: 'forbidden' }
      | { kind: 'unconfigured'; message: string }
    > => {
      try {
        return { kind: 'report', report: await api.getSelfCheck({ refresh }) };
      } catch (error) {
        const status = (error as AzureWorkloadIdentityApiError).status;
        if (status === 403) return { kind: 'forbidden' };
        if (status === 503) {
          return { kind: 'unconfigured', message: (error as Error).message };
        }
        throw error;
      }
    },
    [api],
  );
  useEffect(() => {
    run(false);
  }, [run]);
  // Until the first run starts, the state says nothing is loading yet.
  const loading = state.loading || (!state.value && !state.error);
  return { ...state, loading, checkAgain: () => run(true) };
}

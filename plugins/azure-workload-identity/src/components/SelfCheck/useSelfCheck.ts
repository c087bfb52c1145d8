import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { SelfCheckReport } from '@internal/plugin-azure-workload-identity-common';
import useAsync from 'react-use/esm/useAsync';
import { backendError, callBackend } from '../../api/callBackend';

/**
 * The portal's check of its own rights. `forbidden` when the signed-in user may not see it
 * (only the platform team may), so the page can leave the panel out instead of showing an error.
 */
export function useSelfCheck() {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useAsync(async (): Promise<
    | { kind: 'report'; report: SelfCheckReport }
    | { kind: 'forbidden' }
    | { kind: 'unconfigured'; message: string }
  > => {
    const answer = await callBackend({ discoveryApi, fetchApi }, '/self-check');
    if (answer.ok) return { kind: 'report', report: answer.body };
    if (answer.status === 403) return { kind: 'forbidden' };
    if (answer.status === 503) {
      return { kind: 'unconfigured', message: backendError(answer).message };
    }
    throw backendError(answer);
  }, [discoveryApi, fetchApi]);
}

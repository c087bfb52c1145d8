import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { azureWorkloadIdentityApiRef } from '../../api';

/** The fleet inventory, read from the backend as the signed-in user. */
export function useInventory() {
  const api = useApi(azureWorkloadIdentityApiRef);
  return useAsync(() => api.getInventory(), [api]);
}

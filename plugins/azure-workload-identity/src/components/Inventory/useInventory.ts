import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { InventoryResponse } from '@backstage-community/plugin-azure-workload-identity-common';
import useAsync from 'react-use/esm/useAsync';
import { getFromBackend } from '../../api/callBackend';

/** The fleet inventory, read from the backend as the signed-in user. */
export function useInventory() {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useAsync(
    (): Promise<InventoryResponse> =>
      getFromBackend({ discoveryApi, fetchApi }, '/inventory'),
    [discoveryApi, fetchApi],
  );
}

import {
  ApiHolder,
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import { RequestFormClient } from './RequestFormClient';

/** The client for components, built from the app's discovery and fetch APIs. */
export function useRequestFormClient(): RequestFormClient {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useMemo(
    () => new RequestFormClient({ discoveryApi, fetchApi }),
    [discoveryApi, fetchApi],
  );
}

/** The same client for field validators, which get the app's APIs as a holder. */
export function requestFormClientOf(apis: ApiHolder): RequestFormClient {
  const discoveryApi = apis.get(discoveryApiRef);
  const fetchApi = apis.get(fetchApiRef);
  if (!discoveryApi || !fetchApi) {
    throw new Error('the app provides no discovery or fetch API');
  }
  return new RequestFormClient({ discoveryApi, fetchApi });
}

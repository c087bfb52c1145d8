import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  AccessRequestRecord,
  requestReadPermission,
} from '@backstage-community/plugin-azure-workload-identity-common';
import useAsync from 'react-use/esm/useAsync';
import { azureWorkloadIdentityApiRef, RequestQuery } from '../../api';

// A fleet holds far fewer active requests than this; past it, rows simply lose their link.
const MAX_PAGES = 10;

/**
 * The active requests the viewer may read, newest first, so inventory rows can link to the
 * request that granted them: every one for those the policy lets read others' requests, the
 * viewer's own for everyone else (asking for more would only be refused). Reading them is a
 * nicety: a failure leaves the rows without links rather than the page with an error.
 */
export function useGrantingRequests(): AccessRequestRecord[] {
  const api = useApi(azureWorkloadIdentityApiRef);
  const identityApi = useApi(identityApiRef);
  const readAll = usePermission({ permission: requestReadPermission });
  const { value } = useAsync(async (): Promise<AccessRequestRecord[]> => {
    if (readAll.loading) return [];
    const query: RequestQuery = { status: 'active', limit: 100 };
    if (!readAll.allowed) {
      const { userEntityRef } = await identityApi.getBackstageIdentity();
      query.requestedBy = userEntityRef;
    }
    const requests: AccessRequestRecord[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await api.listRequests(query);
      requests.push(...answer.items);
      if (!answer.nextCursor) break;
      query.cursor = answer.nextCursor;
    }
    return requests;
  }, [api, identityApi, readAll.loading, readAll.allowed]);
  return value ?? [];
}

import { RequestStore } from '../database/RequestStore';
import { ApplyStore } from '../provisioning/ApplyStore';
import { AccessRequestRecord, RequestStatus } from '../requests/types';
import { Grant } from './grantsConfigMap';

/** Where the grants are read from: the requests, and the outputs their steps recorded. */
export interface GrantSources {
  requests: Pick<RequestStore, 'listRequests'>;
  applied: Pick<ApplyStore, 'appliedSteps'>;
}

const PAGE_SIZE = 100;

// `applying` is listed before `active`: a request that finishes between the two reads is then
// seen in one of them, never in neither.
const GRANTING: readonly RequestStatus[] = ['applying', 'active'];

/** Every request in one status, page after page. */
export async function requestsIn(
  requests: GrantSources['requests'],
  status: RequestStatus,
): Promise<AccessRequestRecord[]> {
  const found: AccessRequestRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await requests.listRequests({
      status,
      limit: PAGE_SIZE,
      cursor,
    });
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

/**
 * The grants of one cluster: every active request on it, and every request being applied
 * whose identity step has recorded its outputs (the client id is known from then on, and the
 * service account step that follows must be admitted). A request being revoked grants
 * nothing any more. Each grant is the request's namespace and service account with the
 * identity's client id, as the identity step recorded it.
 */
export async function grantsOfCluster(
  sources: GrantSources,
  cluster: string,
): Promise<Grant[]> {
  const seen = new Set<string>();
  const candidates: AccessRequestRecord[] = [];
  for (const status of GRANTING) {
    for (const request of await requestsIn(sources.requests, status)) {
      if (request.cluster !== cluster || !request.planHash) continue;
      if (seen.has(request.id)) continue;
      seen.add(request.id);
      candidates.push(request);
    }
  }
  const grants = await Promise.all(
    candidates.map(async (request): Promise<Grant | undefined> => {
      const outputs = await sources.applied.appliedSteps({
        id: request.id,
        planHash: request.planHash!,
      });
      const clientId = outputs.get('identity')?.clientId;
      if (typeof clientId !== 'string' || clientId === '') return undefined;
      return {
        namespace: request.namespace,
        serviceAccount: request.serviceAccountName,
        clientId,
        requestId: request.id,
      };
    }),
  );
  return grants.filter((grant): grant is Grant => grant !== undefined);
}

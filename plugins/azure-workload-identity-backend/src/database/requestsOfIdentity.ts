import { RequestStore } from './RequestStore';

/** Every request that uses an identity, over all pages: who shares it, and in what state. */
export async function requestsOfIdentity(
  store: Pick<RequestStore, 'listRequests'>,
  identityId: string,
): Promise<Array<{ requestId: string; entityRef: string; status: string }>> {
  const requests = [];
  let cursor: string | undefined;
  do {
    const page = await store.listRequests({ identityId, limit: 100, cursor });
    requests.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return requests.map(r => ({
    requestId: r.id,
    entityRef: r.entityRef,
    status: r.status,
  }));
}

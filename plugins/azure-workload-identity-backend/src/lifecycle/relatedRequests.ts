import { RequestStore } from '../database/RequestStore';
import { AccessRequestRecord, JsonObject } from '../requests/types';
import { identityIdOf } from './resourceKeys';

/**
 * The other requests whose chains stand or are being built and may hold what this request
 * made: the component's own, and any component's that uses the same identity (shared on
 * purpose by naming its resource id), whose role assignments can be the very same ones.
 */
export async function otherLiveRequests(
  store: RequestStore,
  request: AccessRequestRecord,
): Promise<AccessRequestRecord[]> {
  const live = new Map<string, AccessRequestRecord>();
  for (const status of ['active', 'applying', 'approved'] as const) {
    for (const other of await relatedRequests(store, request, status)) {
      if (other.id !== request.id) live.set(other.id, other);
    }
  }
  return [...live.values()];
}

/** The component's requests in a status, and those of any component on the same identity. */
async function relatedRequests(
  store: RequestStore,
  request: AccessRequestRecord,
  status: AccessRequestRecord['status'],
): Promise<AccessRequestRecord[]> {
  const identityId = identityIdOf(request);
  const [own, shared] = await Promise.all([
    everyRequest(store, {
      entityRef: request.entityRef,
      status,
    }),
    identityId
      ? everyRequest(store, { identityId, status })
      : Promise.resolve([]),
  ]);
  const byId = new Map([...own, ...shared].map(r => [r.id, r] as const));
  return [...byId.values()];
}

/**
 * What earlier requests of the component kept because this one adopted it, as removals by
 * resource key (see resourceKeyOf): this request removes it as if it had made it.
 */
export async function removalsHandedOverTo(
  store: RequestStore,
  request: AccessRequestRecord,
): Promise<Map<string, JsonObject>> {
  const handed = new Map<string, JsonObject>();
  // Only a request revoked while this one existed can have kept something for it: the
  // others' timelines need not be read.
  const revokedOnes = (await relatedRequests(store, request, 'revoked')).filter(
    item => Date.parse(item.updatedAt) >= Date.parse(request.createdAt),
  );
  for (const item of revokedOnes) {
    const revoked = await store.getRequest({ id: item.id });
    for (const event of revoked?.events ?? []) {
      const detail = event.detail as JsonObject | undefined;
      // Timelines store the resource key as `thing`; the name stays so older ones still read.
      if (
        event.type === 'teardown-kept' &&
        detail?.usedBy === request.id &&
        typeof detail.thing === 'string' &&
        detail.removal &&
        typeof detail.removal === 'object'
      ) {
        handed.set(detail.thing, detail.removal as JsonObject);
      }
    }
  }
  return handed;
}

/** Every request matching the query, over all pages. */
async function everyRequest(
  store: RequestStore,
  query: {
    entityRef?: string;
    identityId?: string;
    status: AccessRequestRecord['status'];
  },
): Promise<AccessRequestRecord[]> {
  const items: AccessRequestRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listRequests({ ...query, limit: 100, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

import { RequestStore } from '../database/RequestStore';
import { PlanStep } from '../planning/Plan';
import { AccessRequestRecord, JsonObject } from '../requests/types';
import { removeResource, TeardownPorts } from './removeResource';
import { holdsSameResource, resourceKeyOf } from './resourceKeys';
import {
  combineRemovals,
  recordedRemovalOf,
  whyNotRemoved,
} from './whatRequestMade';

/** What is known of a request being revoked, the same for each of its steps. */
export interface RevokeScope {
  request: AccessRequestRecord;
  actor: string;
  /** The outputs of the steps it applied, by step id. */
  appliedOutputs: Map<string, JsonObject>;
  /** Other requests whose chains stand or are being built, which may hold the same resources. */
  otherLiveRequests: AccessRequestRecord[];
  /** What earlier requests kept for this one to remove, by resource key. */
  handedOverRemovals: Map<string, JsonObject>;
}

/**
 * Removes, or keeps and says why on the timeline, the resource one step of the request stands
 * for.
 */
export async function revokeStep(options: {
  step: PlanStep;
  scope: RevokeScope;
  store: Pick<RequestStore, 'appendEvent'>;
  ports: TeardownPorts;
}): Promise<void> {
  const { step, scope } = options;
  const { request } = scope;
  const record = (
    type: 'teardown-applied' | 'teardown-kept',
    detail: JsonObject,
  ) =>
    options.store.appendEvent({
      requestId: request.id,
      type,
      actor: scope.actor,
      planHash: request.planHash,
      detail: { step: step.id, ...detail },
    });
  const resourceKey = resourceKeyOf(step);
  const ownRemoval = recordedRemovalOf(step, scope.appliedOutputs, request);
  const removal = combineRemovals(
    ownRemoval,
    resourceKey ? scope.handedOverRemovals.get(resourceKey) : undefined,
  );
  // What this request made but a later request adopted stays: it is that one's now, and so is
  // removing it once that one is revoked, which is why the removal is handed over with it.
  const stillUsedBy = scope.otherLiveRequests.find(other =>
    holdsSameResource({ other, request, step }),
  );
  if (stillUsedBy) {
    await record('teardown-kept', {
      usedBy: stillUsedBy.id,
      reason: `request ${stillUsedBy.id} still uses it`,
      // Stored as `thing`: removalsHandedOverTo reads it back under that name.
      ...(resourceKey && removal ? { thing: resourceKey, removal } : {}),
    });
    return;
  }
  if (!removal) {
    const reason = whyNotRemoved(step, scope.appliedOutputs);
    if (reason) await record('teardown-kept', { reason });
    return;
  }
  const outcome = await removeResource({
    removal,
    requestId: request.id,
    ports: options.ports,
  });
  if (outcome.applied) {
    await record('teardown-applied', {
      ...outcome.applied,
      ...(ownRemoval ? {} : { handedOver: true }),
    });
  }
  if (outcome.kept) await record('teardown-kept', outcome.kept);
}

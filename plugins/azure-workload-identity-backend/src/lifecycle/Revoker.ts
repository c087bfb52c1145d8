import { LoggerService } from '@backstage/backend-plugin-api';
import { WORKLOAD_IDENTITY_ANNOTATIONS } from '@internal/plugin-azure-workload-identity-common';
import {
  AzureTeardown,
  ConcurrentFederatedCredentialWriteError,
  ServiceAccountTeardown,
} from '../clients/ProvisioningClients';
import { RequestStore } from '../database/RequestStore';
import { RequestNotifier } from '../notifications/RequestNotifier';
import { ENTITY_REF_ANNOTATION } from '../planning/buildSteps';
import { PlanStep } from '../planning/Plan';
import { ApplyStore } from '../provisioning/ApplyStore';
import { IdentityLocks } from '../provisioning/IdentityLocks';
import { Clock, retryUntilDeadline } from '../provisioning/retry';
import {
  DEFAULT_TIMINGS,
  ProvisioningTimings,
} from '../provisioning/steps/StepContext';
import { identityStepOf } from '../planning/identityStepOf';
import { RequestConflictError, RequestNotFoundError } from '../requests/errors';
import { AccessRequestRecord, JsonObject } from '../requests/types';

/** Revoking stopped part-way; what was removed stays removed and a retry continues. */
export class RevokeIncompleteError extends Error {
  readonly name = 'RevokeIncompleteError';
}

/**
 * Takes a request's access away again, in the reverse order it was built: role assignments,
 * then the federated credential, then the service account's pointer to the identity. Only
 * what this request made is removed (an adopted assignment or credential was someone else's
 * before); the identity is kept, since other requests or a re-grant may use it. Each removal
 * is idempotent, so a revoke that stopped part-way is finished by asking again.
 */
export class Revoker {
  private readonly timings: ProvisioningTimings;

  constructor(
    private readonly options: {
      store: RequestStore;
      applied: Pick<ApplyStore, 'appliedSteps'>;
      azure: AzureTeardown;
      serviceAccountTeardownFor(
        cluster: string,
      ): ServiceAccountTeardown | undefined;
      locks: IdentityLocks;
      clock: Clock;
      logger: LoggerService;
      timings?: Partial<ProvisioningTimings>;
      notifier?: RequestNotifier;
    },
  ) {
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings };
  }

  async revoke(options: {
    id: string;
    actor: string;
    reason?: string;
    /** Delete the managed identity too, when nothing else uses it any more. */
    deleteIdentity?: boolean;
  }): Promise<AccessRequestRecord> {
    const { store } = this.options;
    const request = await store.getRequest({ id: options.id });
    if (!request) throw new RequestNotFoundError(options.id);
    if (request.status === 'active') {
      await store.transition({
        id: request.id,
        from: 'active',
        to: 'revoking',
        actor: options.actor,
        type: 'revoke-started',
        detail: options.reason ? { reason: options.reason } : undefined,
      });
    } else if (request.status !== 'revoking') {
      throw new RequestConflictError(
        request.id,
        { status: 'active' },
        { status: request.status, planHash: request.planHash },
      );
    }

    const outputs = await this.options.applied.appliedSteps({
      id: request.id,
      planHash: request.planHash!,
    });
    const steps = [...(request.plan?.steps ?? [])].reverse();
    const others = await this.otherLiveRequests(request);
    const handedOver = await this.handedOverTo(request);
    for (const step of steps) {
      try {
        const thing = thingOf(step);
        const removal =
          removalOf(step, outputs) ??
          (thing ? handedOver.get(thing) : undefined);
        // What this request made but a later request adopted stays: it is that one's now, and
        // so is removing it once that one is revoked.
        const neededBy = others.find(other => sameThing(step, request, other));
        if (neededBy) {
          await store.appendEvent({
            requestId: request.id,
            type: 'teardown-kept',
            actor: options.actor,
            planHash: request.planHash,
            detail: {
              step: step.id,
              usedBy: neededBy.id,
              ...(thing && removal ? { thing, removal } : {}),
            },
          });
          continue;
        }
        const removed =
          (await this.tearDown(step, outputs, request)) ??
          (thing && handedOver.has(thing)
            ? await this.removeHandedOver(handedOver.get(thing)!, request)
            : undefined);
        if (removed) {
          await store.appendEvent({
            requestId: request.id,
            type: 'teardown-applied',
            actor: options.actor,
            planHash: request.planHash,
            detail: { step: step.id, ...removed },
          });
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await store.appendEvent({
          requestId: request.id,
          type: 'revoke-failed',
          actor: options.actor,
          planHash: request.planHash,
          detail: { step: step.id, error: message },
        });
        this.options.logger.warn(
          `Revoking request ${request.id} stopped at ${step.id}: ${message}`,
        );
        throw new RevokeIncompleteError(
          `revoking stopped at step '${step.id}': ${message}; ask to revoke again to continue`,
        );
      }
    }

    const identityOutcome = options.deleteIdentity
      ? await this.deleteIdentityIfUnused(request, outputs, options.actor)
      : { identityKept: true };

    const revoked = await store.transition({
      id: request.id,
      from: 'revoking',
      to: 'revoked',
      actor: options.actor,
      type: 'revoked',
      detail: identityOutcome,
    });
    await this.options.notifier?.revoked(revoked, options.actor);
    return revoked;
  }

  /**
   * The other requests whose chains stand or are being built and may hold what this request
   * made: the component's own, and any component's that uses the same identity (shared on
   * purpose by naming its resource id), whose role assignments can be the very same ones.
   */
  private async otherLiveRequests(
    request: AccessRequestRecord,
  ): Promise<AccessRequestRecord[]> {
    const live = new Map<string, AccessRequestRecord>();
    for (const status of ['active', 'applying', 'approved'] as const) {
      for (const other of await this.relatedRequests(request, status)) {
        if (other.id !== request.id) live.set(other.id, other);
      }
    }
    return [...live.values()];
  }

  /** The component's requests in a status, and those of any component on the same identity. */
  private async relatedRequests(
    request: AccessRequestRecord,
    status: AccessRequestRecord['status'],
  ): Promise<AccessRequestRecord[]> {
    const identityId = identityOf(request);
    const [own, shared] = await Promise.all([
      everyRequest(this.options.store, {
        entityRef: request.entityRef,
        status,
      }),
      identityId
        ? everyRequest(this.options.store, { identityId, status })
        : Promise.resolve([]),
    ]);
    const byId = new Map([...own, ...shared].map(r => [r.id, r] as const));
    return [...byId.values()];
  }

  /**
   * What earlier requests of the component kept because this one adopted it, by thing: this
   * request removes it as if it had made it.
   */
  private async handedOverTo(
    request: AccessRequestRecord,
  ): Promise<Map<string, JsonObject>> {
    const handed = new Map<string, JsonObject>();
    // Only a request revoked while this one existed can have kept something for it: the
    // others' timelines need not be read.
    const revokedOnes = (await this.relatedRequests(request, 'revoked')).filter(
      item => Date.parse(item.updatedAt) >= Date.parse(request.createdAt),
    );
    for (const item of revokedOnes) {
      const revoked = await this.options.store.getRequest({ id: item.id });
      for (const event of revoked?.events ?? []) {
        const detail = event.detail as JsonObject | undefined;
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

  private async removeHandedOver(
    removal: JsonObject,
    request: AccessRequestRecord,
  ): Promise<JsonObject | undefined> {
    if (typeof removal.assignmentId === 'string') {
      await this.options.azure.deleteRoleAssignment(removal.assignmentId);
      return { removed: removal.assignmentId, handedOver: true };
    }
    if (
      typeof removal.identityResourceId === 'string' &&
      typeof removal.name === 'string'
    ) {
      await this.deleteCredential(
        removal.identityResourceId,
        removal.name,
        request.id,
      );
      return { removed: removal.name, handedOver: true };
    }
    return undefined;
  }

  /**
   * Last, and only when asked: the identity goes if no credential or role assignment is left
   * on it, e.g. another request's; otherwise it stays and the event says what still uses it.
   */
  private async deleteIdentityIfUnused(
    request: AccessRequestRecord,
    outputs: Map<string, JsonObject>,
    actor: string,
  ): Promise<JsonObject> {
    const identity = outputs.get('identity');
    if (
      typeof identity?.resourceId !== 'string' ||
      typeof identity?.principalId !== 'string'
    ) {
      return { identityKept: true };
    }
    const grantScopes = (request.plan?.steps ?? []).flatMap(step =>
      step.kind === 'ensure-role-assignment' ? [step.scope] : [],
    );
    try {
      const outcome = await this.options.azure.deleteIdentityIfUnused({
        identityResourceId: identity.resourceId,
        principalId: identity.principalId,
        grantScopes,
      });
      if (outcome.deleted) {
        await this.options.store.appendEvent({
          requestId: request.id,
          type: 'teardown-applied',
          actor,
          planHash: request.planHash,
          detail: { step: 'identity', identityResourceId: identity.resourceId },
        });
        return { identityKept: false };
      }
      return { identityKept: true, identityUsedBy: outcome.usedBy };
    } catch (error) {
      // The access is gone either way; an identity left behind is only clutter.
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger.warn(
        `Request ${request.id} is revoked but its identity could not be deleted: ${message}`,
      );
      return { identityKept: true, identityDeleteError: message };
    }
  }

  private async tearDown(
    step: PlanStep,
    outputs: Map<string, JsonObject>,
    request: AccessRequestRecord,
  ): Promise<JsonObject | undefined> {
    const out = outputs.get(step.id);
    const identity = outputs.get('identity');
    if (!out) return undefined;
    switch (step.kind) {
      case 'ensure-role-assignment': {
        if (out.adopted !== false || typeof out.assignmentId !== 'string') {
          return undefined;
        }
        await this.options.azure.deleteRoleAssignment(out.assignmentId);
        return { removed: out.assignmentId };
      }
      case 'ensure-federated-credential': {
        if (out.written !== true || typeof identity?.resourceId !== 'string') {
          return undefined;
        }
        await this.deleteCredential(identity.resourceId, step.name, request.id);
        return { removed: step.name };
      }
      case 'ensure-service-account': {
        const teardown = this.options.serviceAccountTeardownFor(step.cluster);
        if (out.mode !== 'applied' || !teardown) return undefined;
        const clientId = identity?.clientId;
        const outcome = await teardown.removeAnnotations({
          cluster: step.cluster,
          namespace: step.namespace,
          name: step.name,
          annotations: {
            ...(typeof clientId === 'string'
              ? { [WORKLOAD_IDENTITY_ANNOTATIONS.clientId]: clientId }
              : {}),
            [ENTITY_REF_ANNOTATION]: request.entityRef,
          },
        });
        return { serviceAccount: outcome };
      }
      default:
        return undefined;
    }
  }

  private async deleteCredential(
    identityResourceId: string,
    name: string,
    requestId: string,
  ): Promise<void> {
    const { locks, clock, azure } = this.options;
    await locks.withLock(
      {
        identityResourceId,
        owner: `revoke/${requestId}`,
        waitMs: this.timings.identityLockWaitMs,
      },
      () =>
        retryUntilDeadline({
          attempt: () =>
            azure.deleteFederatedCredential({ identityResourceId, name }),
          retryable: e => e instanceof ConcurrentFederatedCredentialWriteError,
          clock,
          deadlineMs: this.timings.identityLockWaitMs,
          initialDelayMs: this.timings.initialDelayMs,
          maxDelayMs: this.timings.maxDelayMs,
        }),
    );
  }
}

/** The request's managed identity, lower case. */
function identityOf(request: AccessRequestRecord): string | undefined {
  return identityStepOf(request.plan)?.resourceId.toLowerCase();
}

/** Whether `other`'s plan holds the same role assignment, credential or service account. */
function sameThing(
  step: PlanStep,
  request: AccessRequestRecord,
  other: AccessRequestRecord,
): boolean {
  const identity = identityOf(request);
  if (!identity || identityOf(other) !== identity) return false;
  return (other.plan?.steps ?? []).some(theirs => {
    if (
      step.kind === 'ensure-role-assignment' &&
      theirs.kind === 'ensure-role-assignment'
    ) {
      return (
        theirs.roleId.toLowerCase() === step.roleId.toLowerCase() &&
        theirs.scope.toLowerCase() === step.scope.toLowerCase()
      );
    }
    if (
      step.kind === 'ensure-federated-credential' &&
      theirs.kind === 'ensure-federated-credential'
    ) {
      return theirs.name === step.name;
    }
    if (
      step.kind === 'ensure-service-account' &&
      theirs.kind === 'ensure-service-account'
    ) {
      return (
        theirs.cluster === step.cluster &&
        theirs.namespace === step.namespace &&
        theirs.name === step.name
      );
    }
    return false;
  });
}

/** A key for what a step stands for, the same in every request that holds it. */
function thingOf(step: PlanStep): string | undefined {
  switch (step.kind) {
    case 'ensure-role-assignment':
      return `role-assignment:${step.scope.toLowerCase()}|${step.roleId.toLowerCase()}`;
    case 'ensure-federated-credential':
      return `federated-credential:${step.identityResourceId.toLowerCase()}|${
        step.name
      }`;
    default:
      return undefined;
  }
}

/** How to remove what this request made itself; undefined for what it only adopted. */
function removalOf(
  step: PlanStep,
  outputs: Map<string, JsonObject>,
): JsonObject | undefined {
  const out = outputs.get(step.id);
  const identity = outputs.get('identity');
  if (
    step.kind === 'ensure-role-assignment' &&
    out?.adopted === false &&
    typeof out.assignmentId === 'string'
  ) {
    return { assignmentId: out.assignmentId };
  }
  if (
    step.kind === 'ensure-federated-credential' &&
    out?.written === true &&
    typeof identity?.resourceId === 'string'
  ) {
    return { identityResourceId: identity.resourceId, name: step.name };
  }
  return undefined;
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

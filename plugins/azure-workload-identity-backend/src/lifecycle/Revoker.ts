import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AzureTeardown,
  ConcurrentFederatedCredentialWriteError,
  ServiceAccountTeardown,
} from '../clients/ProvisioningClients';
import { RequestStore } from '../database/RequestStore';
import { RequestNotifier } from '../notifications/RequestNotifier';
import { identityStepOf } from '../planning/identityStepOf';
import { PlanStep } from '../planning/Plan';
import { ApplyStore } from '../provisioning/ApplyStore';
import { IdentityLocks } from '../provisioning/IdentityLocks';
import { Clock, retryUntilDeadline } from '../provisioning/retry';
import {
  DEFAULT_TIMINGS,
  ProvisioningTimings,
} from '../provisioning/steps/StepContext';
import { RequestConflictError, RequestNotFoundError } from '../requests/errors';
import { AccessRequestRecord, JsonObject } from '../requests/types';
import {
  removeServiceAccount,
  ServiceAccountTeardownOutcome,
} from './removeServiceAccount';
import { handedOverTo, otherLiveRequests } from './relatedRequests';
import {
  adoptedReason,
  combineRemovals,
  removalOf,
  sameThing,
  serviceAccountRemovalFrom,
  thingOf,
} from './whatRequestMade';

/** Revoking stopped part-way; what was removed stays removed and a retry continues. */
export class RevokeIncompleteError extends Error {
  readonly name = 'RevokeIncompleteError';
}

/**
 * Takes a request's access away again, in the reverse order it was built: the service
 * account's annotations (and the account, if the request created it and nothing runs as it),
 * then role assignments, then the federated credential. Only what this request made is removed,
 * as its steps recorded it: anything it found already there (an adopted assignment, credential,
 * annotation or identity) was someone else's before, and the timeline says so. The identity is
 * kept unless asked, since other requests or a re-grant may use it. Each removal is idempotent,
 * so a revoke that stopped part-way is finished by asking again.
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
    const others = await otherLiveRequests(store, request);
    const handedOver = await handedOverTo(store, request);
    for (const step of steps) {
      try {
        await this.revokeStep({
          step,
          request,
          outputs,
          others,
          handedOver,
          actor: options.actor,
        });
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

  /** Removes, or keeps and says why, what one step of the request stands for. */
  private async revokeStep(options: {
    step: PlanStep;
    request: AccessRequestRecord;
    outputs: Map<string, JsonObject>;
    others: AccessRequestRecord[];
    handedOver: Map<string, JsonObject>;
    actor: string;
  }): Promise<void> {
    const { step, request, outputs, actor } = options;
    const event = (
      type: 'teardown-applied' | 'teardown-kept',
      detail: JsonObject,
    ) =>
      this.options.store.appendEvent({
        requestId: request.id,
        type,
        actor,
        planHash: request.planHash,
        detail: { step: step.id, ...detail },
      });
    const thing = thingOf(step);
    const own = removalOf(step, outputs, request);
    const removal = combineRemovals(
      own,
      thing ? options.handedOver.get(thing) : undefined,
    );
    // What this request made but a later request adopted stays: it is that one's now, and
    // so is removing it once that one is revoked.
    const neededBy = options.others.find(other =>
      sameThing(step, request, other),
    );
    if (neededBy) {
      await event('teardown-kept', {
        usedBy: neededBy.id,
        reason: `request ${neededBy.id} still uses it`,
        ...(thing && removal ? { thing, removal } : {}),
      });
      return;
    }
    if (!removal) {
      const reason = adoptedReason(step, outputs);
      if (reason) await event('teardown-kept', { reason });
      return;
    }
    const outcome = await this.remove(removal, request);
    if (outcome.applied) {
      await event('teardown-applied', {
        ...outcome.applied,
        ...(own ? {} : { handedOver: true }),
      });
    }
    if (outcome.kept) await event('teardown-kept', outcome.kept);
  }

  /** Removes one thing, as its removal (recorded, or handed over) describes it. */
  private async remove(
    removal: JsonObject,
    request: AccessRequestRecord,
  ): Promise<ServiceAccountTeardownOutcome> {
    const account = serviceAccountRemovalFrom(removal);
    if (account) {
      return removeServiceAccount(
        this.options.serviceAccountTeardownFor(account.cluster),
        account,
      );
    }
    if (typeof removal.assignmentId === 'string') {
      await this.options.azure.deleteRoleAssignment(removal.assignmentId);
      return { applied: { removed: removal.assignmentId } };
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
      return { applied: { removed: removal.name } };
    }
    return {};
  }

  /**
   * Last, and only when asked: the identity goes if this request created it and no credential
   * or role assignment is left on it, e.g. another request's; otherwise it stays and the event
   * says why.
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
    if (identityStepOf(request.plan)?.action !== 'create') {
      return {
        identityKept: true,
        identityKeptBecause:
          'the identity existed before this request, which only reused it',
      };
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

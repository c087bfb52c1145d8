import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AzureTeardown,
  ServiceAccountTeardown,
} from '../clients/ProvisioningClients';
import { RequestStore } from '../database/RequestStore';
import { ClusterGuardrails } from '../guardrails/ClusterGuardrails';
import { RequestNotifier } from '../notifications/RequestNotifier';
import { ApplyStore } from '../provisioning/ApplyStore';
import { IdentityLocks } from '../provisioning/IdentityLocks';
import { Clock } from '../provisioning/retry';
import {
  DEFAULT_TIMINGS,
  ProvisioningTimings,
} from '../provisioning/steps/StepContext';
import { RequestConflictError, RequestNotFoundError } from '../requests/errors';
import { AccessRequestRecord } from '../requests/types';
import { deleteIdentityIfUnused } from './deleteIdentityIfUnused';
import { otherLiveRequests, removalsHandedOverTo } from './relatedRequests';
import { TeardownPorts } from './removeResource';
import { revokeStep, RevokeScope } from './revokeStep';

/** Revoking stopped part-way; what was removed stays removed and a retry continues. */
export class RevokeIncompleteError extends Error {
  readonly name = 'RevokeIncompleteError';
}

export interface RevokerOptions {
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
  /** Withdraws the request's grant from its cluster's guardrails; absent, none are kept. */
  guardrails?: ClusterGuardrails;
}

/**
 * Takes a request's access away again, in the reverse order it was built: the service
 * account's annotations (and the account, if the request created it and nothing runs as it),
 * then role assignments, then the federated credential. Only what this request made is removed,
 * as its steps recorded it: anything it found already there (an adopted assignment, credential,
 * annotation or identity) was someone else's before, and the timeline says so. The identity is
 * kept unless asked, since other requests or a re-grant may use it. Once the annotations are
 * off, the cluster's guardrails stop admitting the client id there (unless another live
 * request grants it too). Each removal is idempotent, so a revoke that stopped part-way is
 * finished by asking again.
 */
export class Revoker {
  private readonly ports: TeardownPorts;

  constructor(private readonly options: RevokerOptions) {
    this.ports = {
      azure: options.azure,
      serviceAccountTeardownFor: cluster =>
        options.serviceAccountTeardownFor(cluster),
      locks: options.locks,
      clock: options.clock,
      timings: { ...DEFAULT_TIMINGS, ...options.timings },
    };
  }

  async revoke(options: {
    id: string;
    actor: string;
    reason?: string;
    /** Delete the managed identity too, when nothing else uses it any more. */
    deleteIdentity?: boolean;
  }): Promise<AccessRequestRecord> {
    const { store } = this.options;
    const request = await this.startRevoking(options);
    const scope = await this.scopeOf(request, options.actor);
    for (const step of [...(request.plan?.steps ?? [])].reverse()) {
      try {
        await revokeStep({ step, scope, store, ports: this.ports });
        if (step.kind === 'ensure-service-account') {
          await this.withdrawGrant(scope, step.id);
        }
      } catch (error) {
        throw await this.stoppedAt(step.id, scope, error);
      }
    }

    const identityOutcome = options.deleteIdentity
      ? await deleteIdentityIfUnused({
          request,
          appliedOutputs: scope.appliedOutputs,
          actor: options.actor,
          azure: this.options.azure,
          store,
          logger: this.options.logger,
        })
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

  /** Moves an active request to `revoking`; one already revoking carries on where it stopped. */
  private async startRevoking(options: {
    id: string;
    actor: string;
    reason?: string;
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
    return request;
  }

  private async scopeOf(
    request: AccessRequestRecord,
    actor: string,
  ): Promise<RevokeScope> {
    const { store, applied } = this.options;
    const [appliedOutputs, others, handedOverRemovals] = await Promise.all([
      applied.appliedSteps({ id: request.id, planHash: request.planHash! }),
      otherLiveRequests(store, request),
      removalsHandedOverTo(store, request),
    ]);
    return {
      request,
      actor,
      appliedOutputs,
      otherLiveRequests: others,
      handedOverRemovals,
    };
  }

  /**
   * Brings the cluster's guardrails up to date now that the request grants nothing. A GitOps
   * cluster cannot be written to: the timeline hands the updated manifests to whoever
   * commits them.
   */
  private async withdrawGrant(
    scope: RevokeScope,
    stepId: string,
  ): Promise<void> {
    const { request, actor } = scope;
    const outcome = await this.options.guardrails?.syncCluster(request.cluster);
    if (outcome?.kind !== 'manifests') return;
    await this.options.store.appendEvent({
      requestId: request.id,
      type: 'teardown-kept',
      actor,
      planHash: request.planHash,
      detail: {
        step: stepId,
        reason: `cluster ${request.cluster} is applied through GitOps: commit the updated guardrail manifests so it stops admitting this identity's client id in namespace ${request.namespace}`,
        guardrailManifests: outcome.yaml,
      },
    });
  }

  /** Records where revoking stopped, and the error that asks for it to be finished. */
  private async stoppedAt(
    stepId: string,
    scope: RevokeScope,
    error: unknown,
  ): Promise<RevokeIncompleteError> {
    const { request, actor } = scope;
    const message = error instanceof Error ? error.message : String(error);
    await this.options.store.appendEvent({
      requestId: request.id,
      type: 'revoke-failed',
      actor,
      planHash: request.planHash,
      detail: { step: stepId, error: message },
    });
    this.options.logger.warn(
      `Revoking request ${request.id} stopped at ${stepId}: ${message}`,
    );
    return new RevokeIncompleteError(
      `revoking stopped at step '${stepId}': ${message}; ask to revoke again to continue`,
    );
  }
}

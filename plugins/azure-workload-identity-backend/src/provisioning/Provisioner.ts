import { LoggerService } from '@backstage/backend-plugin-api';
import { AccessRequestSpec } from '@backstage-community/plugin-azure-workload-identity-common';
import { PlanOutcome, PlanStep } from '../planning/Plan';
import { AccessRequestRecord, JsonObject } from '../requests/types';
import { RequestNotifier } from '../notifications/RequestNotifier';
import { ApplyStore, LeaseLostError } from './ApplyStore';
import { applyStages } from './applyStages';
import { applyStep } from './applyStep';
import { DriftCheck } from './checkDrift';
import { checkDriftBeforeApply } from './driftBeforeApply';
import {
  DEFAULT_TIMINGS,
  ProvisioningPorts,
  ProvisioningTimings,
  StepContext,
  StepFailedError,
} from './steps/StepContext';

/**
 * Points where a test can stop the provisioner as a crash would: before a step starts, or
 * after its effect in Azure or the cluster and before it is recorded. A hook that never
 * resolves freezes the run like a killed process.
 */
export interface ProvisionerFaultHooks {
  beforeStep?(requestId: string, stepId: string): Promise<void>;
  afterStepEffect?(requestId: string, stepId: string): Promise<void>;
}

export interface ProvisionerOptions {
  store: ApplyStore;
  ports: ProvisioningPorts;
  logger: LoggerService;
  /** This replica, unique per process: the lease owner. */
  owner: string;
  /** How long a claim lasts without renewal; a dead replica's requests resume after it. */
  leaseMs?: number;
  timings?: Partial<ProvisioningTimings>;
  faultHooks?: ProvisionerFaultHooks;
  /**
   * One step at a time instead of a stage's steps side by side: gentler on a tenant that
   * throttles hard, and the baseline the provisioning benchmark compares against.
   */
  sequentialSteps?: boolean;
  /**
   * Checks the plan against live state before the first step. A plan that changed since
   * approval carries on if it needs no approval, and goes back to a person if it does. Share
   * the approval's check, so an apply right after an approval reads live state only once.
   */
  driftCheck?: DriftCheck;
  /** Without `driftCheck`: plans the request again from live state, for a check of its own. */
  replan?: (spec: AccessRequestSpec) => Promise<PlanOutcome>;
  notifier?: RequestNotifier;
}

export type ApplyResult =
  | {
      outcome: 'active' | 'failed' | 'pending-approval';
      request: AccessRequestRecord;
    }
  /** Another replica holds it, it is not approved, or this one lost its lease mid-way. */
  | { outcome: 'not-claimed' | 'lease-lost' };

/**
 * Applies approved plans as a resumable state machine. A run claims the request under a
 * lease, skips the steps already recorded as applied under the same plan hash, runs the rest
 * stage by stage (the steps of a stage side by side), records each step before and after,
 * and ends the request `active` or `failed`. Every step is idempotent, so a step whose effect
 * happened but was not recorded (a crash in between) is simply done again.
 */
export class Provisioner {
  private readonly leaseMs: number;
  private readonly timings: ProvisioningTimings;
  private readonly driftCheck?: DriftCheck;
  private readonly heartbeats = new Set<ReturnType<typeof setInterval>>();
  private stopped = false;

  constructor(private readonly options: ProvisionerOptions) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings };
    this.driftCheck =
      options.driftCheck ??
      (options.replan && new DriftCheck({ replan: options.replan }));
  }

  /** Applies one request if it is claimable. */
  async apply(requestId: string): Promise<ApplyResult> {
    if (this.stopped) return { outcome: 'not-claimed' };
    const { store, owner } = this.options;
    const request = await store.claim({
      id: requestId,
      owner,
      leaseMs: this.leaseMs,
    });
    if (!request) return { outcome: 'not-claimed' };
    return this.run(request);
  }

  /**
   * Applies every request that is approved or was left by a replica that died; what the
   * scheduled task and start-up call. Returns how many this replica finished.
   */
  async applyPending(options: { limit?: number } = {}): Promise<number> {
    const ids = await this.options.store.listClaimable({
      limit: options.limit ?? 50,
    });
    const results = await Promise.all(ids.map(id => this.apply(id)));
    return results.filter(r => r.outcome === 'active' || r.outcome === 'failed')
      .length;
  }

  /** Stops claiming and renewing, as on shutdown: unfinished requests resume elsewhere. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.heartbeats) clearInterval(timer);
    this.heartbeats.clear();
  }

  private async run(claimed: AccessRequestRecord): Promise<ApplyResult> {
    let request = claimed;
    const { store, owner, logger } = this.options;
    const heartbeat = this.startHeartbeat(request.id);
    try {
      const outputs = await store.appliedSteps({
        id: request.id,
        planHash: request.planHash!,
      });
      if (outputs.size === 0 && this.driftCheck) {
        const checked = await checkDriftBeforeApply({
          request,
          driftCheck: this.driftCheck,
          store,
          owner,
          logger,
        });
        if (checked.outcome === 'pending-approval') {
          await this.options.notifier?.awaitingApproval(checked.request);
          return checked;
        }
        request = checked.request;
      }
      const plan = request.plan!;
      logger.info(
        `Applying request ${request.id} for ${request.entityRef}${
          outputs.size ? `, resuming after ${outputs.size} applied steps` : ''
        }`,
      );
      for (const stage of applyStages(plan.steps)) {
        const pending = stage.filter(step => !outputs.has(step.id));
        if (this.options.sequentialSteps) {
          for (const step of pending) {
            await this.runStep(request, step, outputs);
          }
          continue;
        }
        // Settle every step of the stage before failing, so what succeeded is recorded and
        // not redone on a retry.
        const settled = await Promise.allSettled(
          pending.map(step => this.runStep(request, step, outputs)),
        );
        const failure = settled.find(
          (s): s is PromiseRejectedResult => s.status === 'rejected',
        );
        if (failure) throw failure.reason;
      }
      const done = await store.finish({
        id: request.id,
        owner,
        to: 'active',
        planHash: request.planHash!,
      });
      logger.info(`Request ${request.id} is active`);
      await this.options.notifier?.active(done);
      return { outcome: 'active', request: done };
    } catch (error) {
      return this.fail(request, error);
    } finally {
      clearInterval(heartbeat);
      this.heartbeats.delete(heartbeat);
    }
  }

  private async runStep(
    request: AccessRequestRecord,
    step: PlanStep,
    outputs: Map<string, JsonObject>,
  ): Promise<void> {
    const { store, owner, faultHooks } = this.options;
    const record =
      (type: 'step-started' | 'step-applied' | 'step-retrying') =>
      (detail?: JsonObject) =>
        store.recordStep({
          id: request.id,
          owner,
          leaseMs: this.leaseMs,
          stepId: step.id,
          type,
          planHash: request.planHash!,
          detail,
        });

    await faultHooks?.beforeStep?.(request.id, step.id);
    await record('step-started')({ kind: step.kind });
    const context: StepContext = {
      request,
      outputs,
      lockOwner: `${owner}/${request.id}`,
      ports: this.options.ports,
      timings: this.timings,
      noteRetry: record('step-retrying'),
    };
    const result = await applyStep(step, context);
    await faultHooks?.afterStepEffect?.(request.id, step.id);
    await record('step-applied')(result);
    outputs.set(step.id, result);
  }

  private async fail(
    request: AccessRequestRecord,
    error: unknown,
  ): Promise<ApplyResult> {
    const { store, owner, logger } = this.options;
    if (error instanceof LeaseLostError) {
      logger.warn(`Stopped applying request ${request.id}: ${error.message}`);
      return { outcome: 'lease-lost' };
    }
    const message = error instanceof Error ? error.message : String(error);
    const detail: JsonObject = { error: message };
    if (error instanceof StepFailedError && error.code) {
      detail.code = error.code;
    }
    logger.warn(`Request ${request.id} failed: ${message}`);
    try {
      const failed = await store.finish({
        id: request.id,
        owner,
        to: 'failed',
        planHash: request.planHash!,
        detail,
      });
      await this.options.notifier?.failed(failed, message);
      return { outcome: 'failed', request: failed };
    } catch (finishError) {
      if (finishError instanceof LeaseLostError)
        return { outcome: 'lease-lost' };
      throw finishError;
    }
  }

  // Renews the lease while a long step (a verification waiting out propagation) runs, so a
  // live replica is not mistaken for a dead one.
  private startHeartbeat(requestId: string) {
    const timer = setInterval(() => {
      this.options.store
        .renewLease({
          id: requestId,
          owner: this.options.owner,
          leaseMs: this.leaseMs,
        })
        .catch(() => {
          // A lost lease surfaces at the next record; nothing to do here.
        });
    }, Math.max(Math.floor(this.leaseMs / 3), 50));
    timer.unref?.();
    this.heartbeats.add(timer);
    return timer;
  }
}

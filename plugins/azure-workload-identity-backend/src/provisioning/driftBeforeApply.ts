import { LoggerService } from '@backstage/backend-plugin-api';
import { AccessRequestRecord } from '../requests/types';
import { ApplyStore } from './ApplyStore';
import { DriftCheck } from './checkDrift';
import { StepFailedError } from './steps/StepContext';

export type DriftBeforeApply =
  /** Apply this request: its plan as it was, or the new one that needs no approval. */
  | { outcome: 'apply'; request: AccessRequestRecord }
  /** The new plan needs a person's approval: the request went back to them. */
  | { outcome: 'pending-approval'; request: AccessRequestRecord };

/**
 * Before the first step of a run: a plan that live state changed since approval carries on if
 * it needs no approval, and goes back to a person if it does. Throws StepFailedError when live
 * state allows no plan any more, and LeaseLostError when the lease is gone.
 */
export async function checkDriftBeforeApply(options: {
  request: AccessRequestRecord;
  driftCheck: DriftCheck;
  store: Pick<ApplyStore, 'replacePlan'>;
  owner: string;
  logger: LoggerService;
}): Promise<DriftBeforeApply> {
  const { request, store, logger } = options;
  const drift = await options.driftCheck.check(request);
  if (drift.drift === 'refused') {
    throw new StepFailedError(
      `live state no longer allows this request: ${drift.refusals
        .map(r => `${r.field}: ${r.message}`)
        .join('; ')}`,
      'plan-refused',
    );
  }
  if (drift.drift === 'none') return { outcome: 'apply', request };

  const handBack = drift.plan.requiresApproval;
  const replaced = await store.replacePlan({
    id: request.id,
    owner: options.owner,
    plan: drift.plan,
    to: handBack ? 'pending-approval' : 'applying',
    detail: {
      changes: drift.changes.map(c => ({
        stepId: c.stepId,
        change: c.change,
        summary: c.summary,
      })),
    },
  });
  logger.info(
    `Request ${request.id}: live state changed since it was planned${
      handBack ? '; back to approval' : ''
    }`,
  );
  return {
    outcome: handBack ? 'pending-approval' : 'apply',
    request: replaced,
  };
}

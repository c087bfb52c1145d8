import { RequestStatus } from './types';

/** No request has this id. */
export class RequestNotFoundError extends Error {
  readonly name = 'RequestNotFoundError';
  constructor(readonly requestId: string) {
    super(`no request with id '${requestId}'`);
  }
}

/**
 * The request was not in the state the caller expected: another replica or person moved it
 * first, or its plan changed since the caller read it. The caller should reload and decide
 * again rather than retry blindly.
 */
export class RequestConflictError extends Error {
  readonly name = 'RequestConflictError';
  constructor(
    readonly requestId: string,
    readonly expected: { status: RequestStatus; planHash?: string },
    readonly actual: { status: RequestStatus; planHash?: string },
  ) {
    super(
      actual.status !== expected.status
        ? `request '${requestId}' is '${actual.status}', not '${expected.status}'; reload it and decide again`
        : `request '${requestId}' now has plan ${
            actual.planHash ?? '(none)'
          }, not ${
            expected.planHash
          }; review the current plan and decide again`,
    );
  }
}

/** Live state or the role catalogue rules out any plan; each refusal names a field to change. */
export class PlanRefusedError extends Error {
  readonly name = 'PlanRefusedError';
  constructor(readonly refusals: { field: string; message: string }[]) {
    super(
      `no plan can be made: ${refusals
        .map(r => `${r.field}: ${r.message}`)
        .join('; ')}`,
    );
  }
}

/** A person may not decide on their own request, whatever their permissions. */
export class SelfDecisionError extends Error {
  readonly name = 'SelfDecisionError';
  constructor(requestId: string) {
    super(
      `you requested '${requestId}' yourself; another member of the approver group must decide on it`,
    );
  }
}

/** Only the requester (or, for some actions, an approver) may do this to a request. */
export class NotRequesterError extends Error {
  readonly name = 'NotRequesterError';
  constructor(
    requestId: string,
    requestedBy: string,
    action: 'cancel' | 'retry' = 'cancel',
  ) {
    super(
      `only ${requestedBy}, who made request '${requestId}', the owners of its component, and those the permission policy allows may ${action} it${
        action === 'cancel' ? '; an approver may reject it instead' : ''
      }`,
    );
  }
}

/**
 * Live state moved since the approver read the plan: the request carries the new plan and
 * stays pending, and the approver must review the differences.
 */
export class PlanDriftedError extends Error {
  readonly name = 'PlanDriftedError';
  constructor(
    readonly requestId: string,
    readonly planHash: string,
    readonly changes: { stepId: string; summary: string }[],
  ) {
    super(
      `the plan of request '${requestId}' changed since it was read (now ${planHash}): ${changes
        .map(c => c.summary)
        .join('; ')}; review the new plan and approve it again`,
    );
  }
}

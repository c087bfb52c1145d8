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

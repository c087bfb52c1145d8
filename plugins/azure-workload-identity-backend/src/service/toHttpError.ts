import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { RevokeIncompleteError } from '../lifecycle/Revoker';
import { InvalidCursorError } from '../database/RequestStore';
import {
  NotRequesterError,
  PlanDriftedError,
  PlanRefusedError,
  RequestConflictError,
  RequestNotFoundError,
  SelfDecisionError,
} from '../requests/errors';
import { inputError } from './inputProblems';

/**
 * The one place domain errors become @backstage/errors, which the backend's error handler
 * turns into 4xx bodies. Anything not recognised passes through unchanged.
 */
export function toHttpError(error: unknown): unknown {
  if (error instanceof PlanRefusedError) {
    return inputError('no plan can be made', error.refusals);
  }
  if (error instanceof RequestNotFoundError) {
    return new NotFoundError(error.message);
  }
  if (error instanceof RequestConflictError) {
    return new ConflictError(error.message);
  }
  if (
    error instanceof SelfDecisionError ||
    error instanceof NotRequesterError
  ) {
    return new NotAllowedError(error.message);
  }
  if (error instanceof PlanDriftedError) {
    // The new hash and the changes travel in the body, so the approval page can show them.
    return Object.assign(new ConflictError(error.message), {
      planHash: error.planHash,
      changes: error.changes,
    });
  }
  if (error instanceof RevokeIncompleteError) {
    return new ServiceUnavailableError(error.message);
  }
  if (error instanceof InvalidCursorError) {
    return inputError('invalid query', [
      { field: 'cursor', message: error.message },
    ]);
  }
  // body-parser's own error for a body that is not JSON would otherwise carry only its status.
  if (isBodyParseError(error)) {
    return inputError('invalid body', [
      {
        field: '(body)',
        message: `send a JSON object with Content-Type application/json (${error.message})`,
      },
    ]);
  }
  return error;
}

function isBodyParseError(error: unknown): error is Error & { type: string } {
  return (
    error instanceof Error &&
    (error as { type?: unknown }).type === 'entity.parse.failed'
  );
}

import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  fieldLabel,
  InputProblem,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { AzureWorkloadIdentityApiError } from '../client/AzureWorkloadIdentityApiError';

/**
 * Marks an error as meant for the person who ran the template. The scaffolder writes a failed
 * step's `err.stack` to the task log; for these errors the message says everything, and a
 * stack of this module's frames would only bury it.
 */
export function forPeople<E extends Error>(error: E): E {
  error.stack = `${error.name}: ${error.message}`;
  return error;
}

/**
 * Turns a failed call to the backend into the error the step fails with: what was being done,
 * then what the backend said, as the @backstage/errors kind matching its status. Anything that
 * is not a call failure passes through unchanged.
 */
export function explainApiError(error: unknown, doing: string): unknown {
  if (!(error instanceof AzureWorkloadIdentityApiError)) return error;
  const said = error.message;
  switch (error.status) {
    case 400:
      return forPeople(
        new InputError(
          `${doing} was refused: ${whatToChange(said, error.problems)}`,
        ),
      );
    case 401:
      return forPeople(
        new AuthenticationError(
          `${doing} was refused: the backend did not accept the signed-in user (${said})`,
        ),
      );
    case 403:
      return forPeople(new NotAllowedError(`${doing} is not allowed: ${said}`));
    case 404:
      return forPeople(
        new NotFoundError(
          error.routeMissing
            ? `${doing} failed: the Azure Workload Identity backend has no ${error.operation}; install or upgrade the azure-workload-identity backend plugin`
            : `${doing} failed: ${said}`,
        ),
      );
    case 409:
      return forPeople(new ConflictError(`${doing} failed: ${said}`));
    default:
      return forPeople(
        error.transient
          ? new ServiceUnavailableError(`${doing} failed: ${said}`)
          : new Error(`${doing} failed: ${said}`),
      );
  }
}

/** Calls `fn`, failing the step with `explainApiError` when the backend says no. */
export async function explainingFailures<T>(
  doing: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw explainApiError(error, doing);
  }
}

// The backend lists each problem with the path of its field; the person knows the field by
// the label the form gives it ("Intent of resource 1", not `resources[0].intent`).
function whatToChange(message: string, problems: InputProblem[]): string {
  if (problems.length === 0) return message;
  return problems.map(p => `${fieldLabel(p.field)}: ${p.message}`).join('; ');
}

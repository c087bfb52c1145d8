import { InputProblem } from '@backstage-community/plugin-azure-workload-identity-common';

/**
 * A call to the backend plugin that did not succeed: either it answered with an error status,
 * or it could not be reached at all (`status` undefined). The message is the backend's own
 * (`{ error: { name, message } }` as Backstage's error handler writes it), so the person who
 * ran the template reads what the backend decided rather than a status code.
 *
 * @public
 */
export class AzureWorkloadIdentityApiError extends Error {
  readonly name = 'AzureWorkloadIdentityApiError';
  /** e.g. `POST /requests`. */
  readonly operation: string;
  readonly status?: number;
  /** The name of the error the backend threw, e.g. `InputError`, `NotFoundError`. */
  readonly remoteName?: string;
  /** Input problems the backend listed, each naming a field of the request. */
  readonly problems: InputProblem[];
  /**
   * A 404 without a Backstage error body: no route answered, as opposed to a route that
   * looked for something and did not find it.
   */
  readonly routeMissing: boolean;
  /** Worth asking again: the backend was unreachable, overloaded or failed on its side. */
  readonly transient: boolean;

  constructor(options: {
    operation: string;
    message: string;
    status?: number;
    remoteName?: string;
    problems?: InputProblem[];
    routeMissing?: boolean;
    transient?: boolean;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.operation = options.operation;
    this.status = options.status;
    this.remoteName = options.remoteName;
    this.problems = options.problems ?? [];
    this.routeMissing = options.routeMissing ?? false;
    const status = options.status;
    this.transient =
      options.transient ??
      (status === undefined || status === 429 || status >= 500);
  }

  /** Reads the error body of a response that is not ok; consumes the body. */
  static async fromResponse(
    response: Response,
    operation: string,
  ): Promise<AzureWorkloadIdentityApiError> {
    const remote = errorObjectOf(await bodyOf(response));
    const fallback = `${response.status} ${response.statusText}`.trim();
    return new AzureWorkloadIdentityApiError({
      operation,
      status: response.status,
      message:
        typeof remote?.message === 'string' && remote.message
          ? remote.message
          : fallback,
      remoteName: typeof remote?.name === 'string' ? remote.name : undefined,
      problems: Array.isArray(remote?.problems)
        ? remote.problems.filter(isInputProblem)
        : [],
      routeMissing: response.status === 404 && !remote,
    });
  }
}

async function bodyOf(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's HTML page, an empty 404): the status is all there is to go on.
    return undefined;
  }
}

function errorObjectOf(body: unknown): { [key: string]: unknown } | undefined {
  if (!isObject(body) || !isObject(body.error)) return undefined;
  return body.error;
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInputProblem(value: unknown): value is InputProblem {
  return (
    isObject(value) &&
    typeof value.field === 'string' &&
    typeof value.message === 'string'
  );
}

/**
 * `metav1.Status` failures, worded like kube-apiserver so that kubectl prints
 * what users of a real cluster recognise (`Error from server (NotFound): ...`).
 */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'StatusError';
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

const qualified = (resource: string, group: string) =>
  group ? `${resource}.${group}` : resource;

export function notFound(
  resource: string,
  group: string,
  name: string,
): StatusError {
  return new StatusError(
    404,
    'NotFound',
    `${qualified(resource, group)} "${name}" not found`,
    {
      name,
      ...(group ? { group } : {}),
      kind: resource,
    },
  );
}

export function alreadyExists(
  resource: string,
  group: string,
  name: string,
): StatusError {
  return new StatusError(
    409,
    'AlreadyExists',
    `${qualified(resource, group)} "${name}" already exists`,
    {
      name,
      ...(group ? { group } : {}),
      kind: resource,
    },
  );
}

export function conflict(
  resource: string,
  group: string,
  name: string,
): StatusError {
  return new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(
      resource,
      group,
    )} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, ...(group ? { group } : {}), kind: resource },
  );
}

export interface FieldCause {
  field: string;
  reason?:
    | 'FieldValueInvalid'
    | 'FieldValueRequired'
    | 'FieldValueNotSupported'
    | 'FieldValueForbidden'
    | 'FieldValueDuplicate';
  message: string;
}

/** apierrors.NewInvalid: the message names the group-qualified kind (`Deployment.apps`). */
export function invalid(
  kind: string,
  group: string,
  name: string,
  causes: FieldCause[],
): StatusError {
  const text = causes.map(c => `${c.field}: ${c.message}`);
  const joined = text.length === 1 ? text[0] : `[${text.join(', ')}]`;
  return new StatusError(
    422,
    'Invalid',
    `${qualified(kind, group)} "${name}" is invalid: ${joined}`,
    {
      name,
      ...(group ? { group } : {}),
      kind,
      causes: causes.map(c => ({
        reason: c.reason ?? 'FieldValueInvalid',
        message: c.message,
        field: c.field,
      })),
    },
  );
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

export function methodNotSupported(
  resource: string,
  group: string,
  verb: string,
): StatusError {
  return new StatusError(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource`,
    {
      ...(group ? { group } : {}),
      kind: resource,
      causes: [{ message: `verb ${verb}` }],
    },
  );
}

export function unauthorized(): StatusError {
  return new StatusError(401, 'Unauthorized', 'Unauthorized');
}

export function forbidden(options: {
  username: string;
  verb: string;
  resource: string;
  subresource?: string;
  group: string;
  namespace?: string;
  name?: string;
}): StatusError {
  const full = options.subresource
    ? `${options.resource}/${options.subresource}`
    : options.resource;
  const subject = options.name
    ? `${qualified(full, options.group)} "${options.name}"`
    : qualified(full, options.group);
  const where = options.namespace
    ? `in the namespace "${options.namespace}"`
    : 'at the cluster scope';
  return new StatusError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${options.username}" cannot ${options.verb} resource "${full}" in API group "${options.group}" ${where}`,
    {
      ...(options.name ? { name: options.name } : {}),
      ...(options.group ? { group: options.group } : {}),
      kind: options.resource,
    },
  );
}

/** A refusal from admission (service account lookup, a webhook). */
export function admissionForbidden(
  resource: string,
  name: string,
  message: string,
): StatusError {
  return new StatusError(
    403,
    'Forbidden',
    `${resource} "${name}" is forbidden: ${message}`,
    { name, kind: resource },
  );
}

export function internalError(message: string): StatusError {
  return new StatusError(
    500,
    'InternalError',
    `Internal error occurred: ${message}`,
    { causes: [{ message }] },
  );
}

export function notFoundPath(): StatusError {
  return new StatusError(
    404,
    'NotFound',
    'the server could not find the requested resource',
    {},
  );
}

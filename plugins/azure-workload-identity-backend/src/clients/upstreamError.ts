import { ServiceUnavailableError } from '@backstage/errors';

/** What the SDKs throw, reduced to what decides "absent" versus "could not tell". */
interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string | number;
  statusCode?: number;
}

/** The HTTP status of an SDK error (Azure RestError, client-node ApiException), if any. */
export function statusOf(error: unknown): number | undefined {
  const e = error as SdkErrorShape & { code?: unknown };
  if (typeof e?.statusCode === 'number') return e.statusCode;
  // @kubernetes/client-node's ApiException carries the status in `code`.
  if (typeof e?.code === 'number') return e.code;
  return undefined;
}

export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

/**
 * A read that could not be answered. Never "does not exist": a 403 or a dead endpoint would
 * otherwise turn into a refusal telling the requester to fix an id that is fine, or worse, a
 * plan that creates a duplicate. 503, because the requester cannot fix it; the platform team can.
 */
export function upstreamError(options: {
  /** e.g. "Azure Resource Manager", "the Kubernetes API of cluster 'aks-prod'". */
  upstream: string;
  /** What was being read (or written), e.g. "managed cluster /subscriptions/…". */
  reading: string;
  /** The verb for writes, e.g. "create"; default "read". */
  action?: string;
  error: unknown;
}): ServiceUnavailableError {
  const { upstream, reading, error } = options;
  const action = options.action ?? 'read';
  const e = (error ?? {}) as SdkErrorShape;
  const status = statusOf(error);
  const detail = firstLine(e.message ?? String(error));
  let why: string;
  if (status === 401 || status === 403) {
    why = `${upstream} refused the portal's identity (HTTP ${status}${
      typeof e.code === 'string' ? ` ${e.code}` : ''
    }): grant it ${
      action === 'read' ? 'read' : 'write'
    } access there. ${detail}`;
  } else if (e.name === 'AuthenticationError' || isCredentialError(e)) {
    why = `the portal could not sign in to Entra ID to call ${upstream}: ${detail}`;
  } else if (status === undefined) {
    why = `${upstream} is unreachable${
      typeof e.code === 'string' ? ` (${e.code})` : ''
    }: ${detail}`;
  } else {
    why = `${upstream} answered HTTP ${status}${
      typeof e.code === 'string' ? ` ${e.code}` : ''
    }: ${detail}`;
  }
  return new ServiceUnavailableError(
    `cannot ${action} ${reading}: ${why}`,
    error instanceof Error ? error : undefined,
  );
}

function isCredentialError(e: SdkErrorShape): boolean {
  return (
    e.name === 'CredentialUnavailableError' ||
    e.name === 'AggregateAuthenticationError'
  );
}

function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

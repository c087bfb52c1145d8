import { statusOf } from '../../clients/upstreamError';
import { Read } from '../reads';

/**
 * Runs one upstream read and turns how it went into a `Read`: undefined or a 404 is
 * `not-found` (data), 401/403 `forbidden`, anything else `unreachable`. Never a guessed value.
 */
export async function readOutcome<T>(
  what: string,
  read: () => Promise<T | undefined>,
): Promise<Read<T>> {
  const readAt = new Date().toISOString();
  try {
    const value = await read();
    if (value === undefined) {
      return { status: 'not-found', reason: `${what} does not exist`, readAt };
    }
    return { status: 'ok', value, readAt };
  } catch (error) {
    const httpStatus = statusOf(error);
    if (httpStatus === 404) {
      return { status: 'not-found', reason: `${what} does not exist`, readAt };
    }
    const e = error as { code?: unknown; message?: string };
    return {
      status:
        httpStatus === 401 || httpStatus === 403 ? 'forbidden' : 'unreachable',
      reason: firstLine(e?.message ?? String(error)),
      ...(httpStatus ? { httpStatus } : {}),
      ...(typeof e?.code === 'string' ? { code: e.code } : {}),
      readAt,
    };
  }
}

/** A read not made, and why: for the rules, what was not looked for is not there. */
export function notRead<T>(reason: string): Promise<Read<T>> {
  return Promise.resolve({ status: 'not-found', reason });
}

/** A value known without a read of its own (found in a list already read). */
export function okRead<T>(value: T, readAt: string): Read<T> {
  return { status: 'ok', value, readAt };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

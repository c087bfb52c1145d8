import { statusOf } from '../../clients/upstreamError';
import { Read } from '../reads';

/**
 * Runs one upstream read and turns how it went into a `Read` (§1.4): undefined or a 404 is
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

function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** Plain JSON of an SDK object: dates as ISO strings, no class instances (snapshots are cached). */
export function plain<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

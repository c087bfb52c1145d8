import { randomUUID } from 'node:crypto';
import { HttpResponse } from '../../http';

export type OAuthError =
  | 'invalid_request'
  | 'invalid_client'
  | 'unauthorized_client'
  | 'invalid_scope'
  | 'unsupported_grant_type'
  | 'invalid_grant';

/** Entra's `2026-06-01 10:00:00Z` timestamp format. */
function entraTimestamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

/** Entra's `2026-06-01T10:00:00.0000000Z` format used inside messages. */
export function entraTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/**
 * An AADSTS error answer in the shape of the contracts (`token-endpoint.json`):
 * the description ends with trace id, correlation id and timestamp.
 */
export function aadstsError(input: {
  status: number;
  error: OAuthError;
  code: number;
  message: string;
  correlationId?: string;
  now: number;
  /** `https://<host>` of the request, for `error_uri`. */
  base: string;
}): HttpResponse {
  const traceId = randomUUID();
  const correlationId = input.correlationId ?? randomUUID();
  const timestamp = entraTimestamp(input.now);
  return {
    status: input.status,
    headers: {
      'x-ms-request-id': traceId,
      'client-request-id': correlationId,
      'cache-control': 'no-store, no-cache',
    },
    body: {
      error: input.error,
      error_description: `AADSTS${input.code}: ${input.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [input.code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${input.base}/error?code=${input.code}`,
    },
  };
}

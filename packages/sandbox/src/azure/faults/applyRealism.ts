import { Handler, HttpResponse } from '../../http';
import { TwinContext } from '../context';
import { FaultRule, Surface } from './faults';

const sleep = (ms: number) =>
  new Promise<void>(r => setTimeout(r, ms).unref?.());

/**
 * Wraps a surface with the configured latency and any injected fault that
 * matches. Runs before authentication: a gateway error or a timeout happens
 * whoever calls.
 */
export function withRealism(
  ctx: TwinContext,
  surface: Surface,
  handler: Handler,
): Handler {
  return async req => {
    if (ctx.realism.latencyMs > 0) await sleep(ctx.realism.latencyMs);
    const fault = ctx.faults.take(surface, req.method, req.path);
    if (fault) {
      if (fault.delayMs) await sleep(fault.delayMs);
      if (fault.timeoutMs !== undefined) {
        await sleep(fault.timeoutMs);
        return { status: 504, destroy: true };
      }
      if (fault.status) return faultResponse(surface, fault);
    }
    return handler(req);
  };
}

function faultResponse(surface: Surface, fault: FaultRule): HttpResponse {
  const status = fault.status!;
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(fault.retryAfterSeconds);
  const code = fault.code ?? defaultCode(status);
  const message = fault.message ?? `Injected fault: ${code}.`;
  if (surface === 'entra') {
    return {
      status,
      headers,
      body: { error: code, error_description: message, error_codes: [] },
    };
  }
  return { status, headers, body: { error: { code, message } } };
}

function defaultCode(status: number): string {
  if (status === 429) return 'TooManyRequests';
  if (status === 503) return 'ServiceUnavailable';
  if (status === 502) return 'BadGateway';
  if (status >= 500) return 'InternalServerError';
  return 'InjectedFault';
}

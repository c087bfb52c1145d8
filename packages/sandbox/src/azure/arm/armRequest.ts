import { HttpRequest } from '../../http';
import { TwinContext } from '../context';
import { normalizeScope } from '../ids';
import { authorizationFailed } from './armErrors';

/** One ARM call, authenticated, with the helpers every operation needs. */
export interface ArmRequest {
  http: HttpRequest;
  ctx: TwinContext;
  /** Object id of the caller (token `oid`). */
  callerId: string;
  /** `https://host:port` as the client addressed us: nextLinks point back there. */
  origin: string;
  /** Normalised request path, caller's casing: what error messages quote. */
  path: string;
  query: URLSearchParams;
  nowIso(): string;
  /** Throws 403 AuthorizationFailed unless the caller's roles grant the action on the scope. */
  authorize(action: string, scope: string): void;
}

export function createArmRequest(
  http: HttpRequest,
  ctx: TwinContext,
  callerId: string,
  origin: string,
): ArmRequest {
  return {
    http,
    ctx,
    callerId,
    origin,
    path: http.path,
    query: http.url.searchParams,
    nowIso: () => new Date(ctx.now()).toISOString(),
    authorize(action, scope) {
      if (!ctx.rbac.isAllowed(callerId, action, scope, 'control')) {
        authorizationFailed(callerId, action, normalizeScope(scope));
      }
    },
  };
}

/** ARM renders times with seven fractional digits. */
export function armTime(iso: string): string {
  return iso.replace(/\.(\d{3})Z$/, '.$10000Z');
}

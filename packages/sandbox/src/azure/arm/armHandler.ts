import { randomUUID } from 'node:crypto';
import {
  Handler,
  header,
  HttpError,
  HttpRequest,
  HttpResponse,
} from '../../http';
import { TwinContext } from '../context';
import { normalizeAudience } from '../entra/accessTokens';
import { withRealism } from '../faults/applyRealism';
import { createArmRequest } from './armRequest';
import { dispatchArm } from './armDispatch';
import { cloudMetadata, isCloudMetadataPath } from './cloudMetadata';

const ARM_AUDIENCES = new Set([
  'https://management.azure.com',
  'https://management.core.windows.net',
]);
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * autorest clients ask for `${endpoint}/.default`, the modular ones for
 * management.azure.com: both must be accepted, as Azure accepts both.
 */
export function isArmAudience(aud: string): boolean {
  if (ARM_AUDIENCES.has(normalizeAudience(aud))) return true;
  try {
    const host = new URL(aud).hostname;
    return LOCAL_HOSTS.has(host) || host.endsWith('.localhost');
  } catch {
    return false;
  }
}

export function isArmPath(path: string): boolean {
  const first = path.split('/')[1]?.toLowerCase();
  return (
    first === 'subscriptions' || first === 'providers' || first === 'tenants'
  );
}

/** The whole ARM surface: ids and rate-limit headers on every answer, then auth, throttling and dispatch. */
export function createArmHandler(ctx: TwinContext): Handler {
  const inner = withRealism(ctx, 'arm', req => handle(ctx, req));
  return async req => {
    // Cloud discovery comes before any token: clients read the login endpoint from it.
    if (isCloudMetadataPath(req.path)) return cloudMetadata(req);
    if (!isArmPath(req.path)) return undefined;
    const requestId = randomUUID();
    const correlationId =
      header(req, 'x-ms-correlation-request-id') ??
      header(req, 'x-ms-client-request-id') ??
      randomUUID();
    const res = (await inner(req)) ?? { status: 404 };
    res.headers = {
      'x-ms-request-id': requestId,
      'x-ms-correlation-request-id': correlationId,
      'x-ms-routing-request-id': `SANDBOX:${requestId}`,
      ...res.headers,
    };
    return res;
  };
}

async function handle(
  ctx: TwinContext,
  req: HttpRequest,
): Promise<HttpResponse> {
  const origin = `https://${header(req, 'host') ?? 'localhost'}`;
  const check = ctx.tokens.verify(header(req, 'authorization'), isArmAudience);
  if (!check.ok) return unauthorized(ctx, origin, check.reason, check.detail);
  const callerId = check.claims.oid;

  const kind =
    req.method === 'GET' || req.method === 'HEAD' ? 'reads' : 'writes';
  const sub = /^\/subscriptions\/([^/]+)/i.exec(req.path)?.[1];
  const budget = ctx.throttle.take(`${sub ?? 'tenant'}|${callerId}`, kind);
  const limitHeaders = {
    [`x-ms-ratelimit-remaining-subscription-${kind}`]: String(budget.remaining),
    [`x-ms-ratelimit-remaining-tenant-${kind}`]: String(budget.remaining),
  };
  if (!budget.allowed) {
    return {
      status: 429,
      headers: {
        ...limitHeaders,
        'retry-after': String(budget.retryAfterSeconds),
      },
      body: {
        error: {
          code: 'SubscriptionRequestsThrottled',
          message: `Number of '${
            kind === 'reads' ? 'read' : 'write'
          }' requests for subscription '${
            sub ?? ''
          }' actor '${callerId}' exceeded. Please try again after '${
            budget.retryAfterSeconds
          }' seconds after the additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.`,
        },
      },
    };
  }
  let res: HttpResponse;
  try {
    if (sub && !ctx.state.hasSubscription(sub)) {
      res = {
        status: 404,
        body: {
          error: {
            code: 'SubscriptionNotFound',
            message: `The subscription '${sub}' could not be found.`,
          },
        },
      };
    } else {
      res = await dispatchArm(createArmRequest(req, ctx, callerId, origin));
    }
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    res = { ...e.response };
  }
  res.headers = { ...limitHeaders, ...res.headers };
  return res;
}

/** ARM's code for each way a bearer token can fail. */
const AUTH_CODES: Record<string, string> = {
  missing: 'AuthenticationFailed',
  expired: 'ExpiredAuthenticationToken',
  audience: 'InvalidAuthenticationTokenAudience',
  issuer: 'InvalidAuthenticationTokenTenant',
};

function unauthorized(
  ctx: TwinContext,
  origin: string,
  reason: string,
  detail: string,
): HttpResponse {
  const code = AUTH_CODES[reason] ?? 'InvalidAuthenticationToken';
  const message =
    reason === 'missing' ? `Authentication failed. ${detail}` : detail;
  return {
    status: 401,
    headers: {
      'www-authenticate': `Bearer authorization_uri="${origin}/${
        ctx.state.tenantId
      }", error="invalid_token", error_description="${message.replace(
        /"/g,
        "'",
      )}"`,
    },
    body: { error: { code, message } },
  };
}

import { randomUUID } from 'node:crypto';
import {
  Handler,
  header,
  HttpError,
  HttpRequest,
  HttpResponse,
  json,
  readJson,
} from '../../http';
import { TwinContext } from '../context';
import { normalizeAudience } from '../entra/accessTokens';
import { isGuid } from '../ids';
import { PrincipalRecord } from '../state/types';
import {
  directoryObjects,
  graphTypeOf,
  renderDirectoryObject,
  renderServicePrincipal,
} from './directoryObjects';
import {
  applySelect,
  graphPage,
  GraphQueryError,
  parseSpFilter,
} from './graphQuery';

const VERSIONS = new Set(['v1.0', 'beta']);
/** Graph's own resource: its URL and its application id. */
const GRAPH_AUDIENCES = new Set([
  'https://graph.microsoft.com',
  '00000003-0000-0000-c000-000000000000',
]);
/** getByIds takes up to 1000 ids (https://learn.microsoft.com/graph/api/directoryobject-getbyids). */
const MAX_IDS = 1000;

const same = (a: string | undefined, b: string) =>
  a !== undefined && a.toLowerCase() === b.toLowerCase();

interface GraphCall {
  req: HttpRequest;
  ctx: TwinContext;
  origin: string;
  version: string;
  requestId: string;
  clientRequestId: string;
}

/**
 * The part of Microsoft Graph that az and the SDKs need to resolve principals: service
 * principals (of managed identities and of the portal's application), directoryObjects/getByIds
 * and /me, on the twin's own host under `/v1.0` and `/beta`. Tokens for the resource
 * `<twin URL>/` (what the sandbox cloud names as its Graph resource) or for Graph itself are
 * accepted; any other audience is refused as Graph refuses it.
 */
export function createGraphHandler(ctx: TwinContext): Handler {
  return async req => {
    const version = req.path.split('/')[1];
    if (!VERSIONS.has(version)) return undefined;
    const origin = `https://${header(req, 'host') ?? 'localhost'}`;
    const call: GraphCall = {
      req,
      ctx,
      origin,
      version,
      requestId: randomUUID(),
      clientRequestId: header(req, 'client-request-id') ?? randomUUID(),
    };
    const res = answer(call);
    res.headers = {
      'request-id': call.requestId,
      'client-request-id': call.clientRequestId,
      ...res.headers,
    };
    return res;
  };
}

function answer(call: GraphCall): HttpResponse {
  const { ctx, req, origin } = call;
  const check = ctx.tokens.verify(header(req, 'authorization'), aud => {
    const a = normalizeAudience(aud);
    return a === normalizeAudience(origin) || GRAPH_AUDIENCES.has(a);
  });
  if (!check.ok) {
    const messages: Partial<Record<typeof check.reason, string>> = {
      missing: 'Access token is empty.',
      expired: 'Lifetime validation failed, the token is expired.',
      audience: `Access token validation failure. Invalid audience. ${check.detail} Request a token for ${origin}/ (the sandbox's Microsoft Graph resource).`,
    };
    return graphError(
      call,
      401,
      'InvalidAuthenticationToken',
      messages[check.reason] ??
        `Access token validation failure. ${check.detail}`,
    );
  }
  const segments = req.path
    .split('/')
    .filter(Boolean)
    .slice(1)
    .map(s => decodeURIComponent(s));
  const first = segments[0]?.toLowerCase() ?? '';
  try {
    if (first === 'me' && segments.length === 1) return me(call);
    const caller = ctx.state.getPrincipal(check.claims.oid);
    // Reading the directory takes Application.Read.All or Directory.Read.All. The sandbox
    // gives them to applications (the portal's) and users; managed identities have none
    // unless granted, as in Entra ID.
    if (!caller || caller.kind === 'ManagedIdentity')
      return graphError(
        call,
        403,
        'Authorization_RequestDenied',
        'Insufficient privileges to complete the operation.',
      );
    if (first === 'serviceprincipals' && segments.length === 1)
      return onlyGet(call) ?? listServicePrincipals(call);
    const byAppId = /^servicePrincipals\(appId='([^']*)'\)$/i.exec(
      segments[0] ?? '',
    );
    if (segments.length === 1 && byAppId)
      return (
        onlyGet(call) ??
        servicePrincipal(call, p => same(p.appId, byAppId[1]), byAppId[1])
      );
    if (first === 'serviceprincipals' && segments.length === 2)
      return (
        onlyGet(call) ??
        servicePrincipal(call, p => same(p.objectId, segments[1]), segments[1])
      );
    if (first === 'directoryobjects' && segments.length === 2) {
      if (segments[1].toLowerCase() === 'getbyids') return getByIds(call);
      return onlyGet(call) ?? directoryObject(call, segments[1]);
    }
  } catch (e) {
    if (e instanceof GraphQueryError)
      return graphError(call, 400, 'Request_UnsupportedQuery', e.message);
    if (e instanceof HttpError) return e.response;
    throw e;
  }
  return graphError(
    call,
    400,
    'BadRequest',
    `Resource not found for the segment '${
      segments[0] ?? ''
    }'. The sandbox's Microsoft Graph serves servicePrincipals, directoryObjects and me.`,
  );
}

function onlyGet(call: GraphCall): HttpResponse | undefined {
  if (call.req.method === 'GET' || call.req.method === 'HEAD') return undefined;
  return graphError(
    call,
    405,
    'Request_BadRequest',
    `The sandbox's Microsoft Graph only reads the directory: ${call.req.method} is not served here.`,
  );
}

function context(call: GraphCall, fragment: string): string {
  return `${call.origin}/${call.version}/$metadata#${fragment}`;
}

function servicePrincipals(call: GraphCall): PrincipalRecord[] {
  return directoryObjects(call.ctx.state).filter(
    p => graphTypeOf(p) === 'servicePrincipal',
  );
}

function listServicePrincipals(call: GraphCall): HttpResponse {
  const { url } = call.req;
  const filter = parseSpFilter(
    url.searchParams.get('$filter'),
    p => p.appId ?? p.objectId,
  );
  const page = graphPage(
    servicePrincipals(call).filter(filter),
    url,
    call.origin,
  );
  return ok({
    '@odata.context': context(call, 'servicePrincipals'),
    value: page.items.map(p =>
      applySelect(
        renderServicePrincipal(call.ctx.state, p),
        url.searchParams.get('$select'),
      ),
    ),
    ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
  });
}

function servicePrincipal(
  call: GraphCall,
  match: (p: PrincipalRecord) => boolean,
  key: string,
): HttpResponse {
  const found = servicePrincipals(call).find(match);
  if (!found) return notFound(call, key);
  return ok({
    '@odata.context': context(call, 'servicePrincipals/$entity'),
    ...applySelect(
      renderServicePrincipal(call.ctx.state, found),
      call.req.url.searchParams.get('$select'),
    ),
  });
}

function directoryObject(call: GraphCall, id: string): HttpResponse {
  const found = call.ctx.state.getPrincipal(id);
  if (!found) return notFound(call, id);
  return ok({
    '@odata.context': context(call, 'directoryObjects/$entity'),
    ...applySelect(
      renderDirectoryObject(call.ctx.state, found),
      call.req.url.searchParams.get('$select'),
    ),
  });
}

/** POST /directoryObjects/getByIds: `{ ids, types? }`; ids not found are left out, as Graph does. */
function getByIds(call: GraphCall): HttpResponse {
  if (call.req.method !== 'POST')
    return graphError(
      call,
      405,
      'Request_BadRequest',
      'getByIds is an action: send POST with a JSON body { "ids": [...] }.',
    );
  const body = readJson<{ ids?: unknown; types?: unknown }>(call.req, message =>
    graphError(call, 400, 'BadRequest', message),
  );
  const ids = body.ids;
  if (!Array.isArray(ids) || ids.some(id => typeof id !== 'string'))
    return graphError(
      call,
      400,
      'Request_BadRequest',
      "The request body must contain 'ids', an array of object ids (strings).",
    );
  if (ids.length > MAX_IDS)
    return graphError(
      call,
      400,
      'Request_BadRequest',
      `Too many ids: ${ids.length}. Send at most ${MAX_IDS} per request.`,
    );
  const types = Array.isArray(body.types)
    ? new Set(body.types.map(t => String(t).toLowerCase()))
    : undefined;
  const found = (ids as string[])
    .map(id => (isGuid(id) ? call.ctx.state.getPrincipal(id) : undefined))
    .filter((p): p is PrincipalRecord => Boolean(p))
    .filter(p => !types || types.has(graphTypeOf(p).toLowerCase()));
  return ok({
    '@odata.context': context(call, 'directoryObjects'),
    value: found.map(p => renderDirectoryObject(call.ctx.state, p)),
  });
}

/**
 * /me names the signed-in user, which an app-only token does not have. The twin only issues
 * app-only tokens (client credentials, with a secret or a federated assertion), so /me answers
 * every caller as Graph answers a service principal.
 */
function me(call: GraphCall): HttpResponse {
  return graphError(
    call,
    400,
    'BadRequest',
    '/me request is only valid with delegated authentication flow.',
  );
}

function ok(body: Record<string, unknown>): HttpResponse {
  return json(200, body);
}

function notFound(call: GraphCall, key: string): HttpResponse {
  return graphError(
    call,
    404,
    'Request_ResourceNotFound',
    `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

/** Graph's error body: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
function graphError(
  call: GraphCall,
  status: number,
  code: string,
  message: string,
): HttpResponse {
  return {
    status,
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date(call.ctx.now()).toISOString().replace(/\.\d{3}Z$/, ''),
          'request-id': call.requestId,
          'client-request-id': call.clientRequestId,
        },
      },
    },
  };
}

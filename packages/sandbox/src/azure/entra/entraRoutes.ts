import {
  createRouter,
  header,
  HttpRequest,
  HttpResponse,
  json,
  readForm,
} from '../../http';
import { TwinContext } from '../context';
import { identityId } from '../state/AzureState';
import { aadstsError } from './aadsts';
import { verifyClientAssertion } from './clientAssertion';
import { publicJwk } from './jwt';
import { SigningKey } from './signingKey';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const MULTI_TENANT_ALIASES = ['organizations', 'common'];

/** The origin clients used to reach us; discovery must echo it (MSAL checks issuer host = authority host). */
export function requestOrigin(req: HttpRequest): string {
  return `https://${header(req, 'host') ?? 'localhost'}`;
}

/**
 * Entra ID's v2.0 endpoints as MSAL (inside @azure/identity) uses them:
 * OpenID discovery, keys, instance discovery and the token endpoint for the
 * client-credentials grant with a secret or a federated client assertion.
 */
export function createEntraRoutes(ctx: TwinContext, key: SigningKey) {
  const router = createRouter();
  const tenantOk = (t: string) =>
    t.toLowerCase() === ctx.state.tenantId.toLowerCase();
  // A directory that exists but holds none of the twin's applications or identities: a
  // workload sent there hears that its client is unknown (700016), not that the tenant is.
  const otherTenant = (t: string) =>
    ctx.state.otherTenantIds.find(o => o.toLowerCase() === t.toLowerCase());
  const knownTenant = (t: string) => tenantOk(t) || Boolean(otherTenant(t));
  const error = (
    req: HttpRequest,
    e: {
      status: number;
      error: Parameters<typeof aadstsError>[0]['error'];
      code: number;
      message: string;
    },
  ) =>
    aadstsError({
      ...e,
      now: ctx.now(),
      base: requestOrigin(req),
      correlationId: header(req, 'client-request-id'),
    });
  const tenantNotFound = (req: HttpRequest, t: string) =>
    error(req, {
      status: 400,
      error: 'invalid_request',
      code: 90002,
      message: `Tenant '${t}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    });

  const discovery =
    (version: 'v1' | 'v2') =>
    (req: HttpRequest): HttpResponse => {
      const { tenant } = req.params;
      // `organizations` and `common` stand for any tenant: MSAL builds its app on
      // `organizations` for `az logout`. Entra's discovery for them names the alias in the
      // endpoints and the `{tenantid}` placeholder in the issuer.
      const alias = MULTI_TENANT_ALIASES.find(a => a === tenant.toLowerCase());
      if (!alias && !knownTenant(tenant)) return tenantNotFound(req, tenant);
      const home = tenantOk(tenant);
      const base = `${requestOrigin(req)}/${
        alias ?? (home ? ctx.state.tenantId : otherTenant(tenant))
      }`;
      const v2 = version === 'v2' ? '/v2.0' : '';
      let v1Issuer = `https://sts.windows.net/${otherTenant(tenant)}/`;
      if (alias) v1Issuer = 'https://sts.windows.net/{tenantid}/';
      else if (home) v1Issuer = ctx.tokens.issuer;
      const v2Issuer = alias
        ? `${requestOrigin(req)}/{tenantid}/v2.0`
        : `${base}/v2.0`;
      return json(200, {
        token_endpoint: `${base}/oauth2${v2}/token`,
        token_endpoint_auth_methods_supported: [
          'client_secret_post',
          'private_key_jwt',
          'client_secret_basic',
        ],
        jwks_uri: `${base}/discovery${v2}/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: [
          'code',
          'id_token',
          'code id_token',
          'id_token token',
        ],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: version === 'v2' ? v2Issuer : v1Issuer,
        authorization_endpoint: `${base}/oauth2${v2}/authorize`,
        device_authorization_endpoint: `${base}/oauth2${v2}/devicecode`,
        end_session_endpoint: `${base}/oauth2${v2}/logout`,
        tenant_region_scope: 'NA',
        cloud_instance_name: 'sandbox.localhost',
      });
    };

  const keys = (): HttpResponse =>
    json(200, { keys: [publicJwk(key.publicKey, key.kid)] });

  router.get('/:tenant/v2.0/.well-known/openid-configuration', discovery('v2'));
  router.get('/:tenant/.well-known/openid-configuration', discovery('v1'));
  router.get('/:tenant/discovery/v2.0/keys', keys);
  router.get('/:tenant/discovery/keys', keys);
  // Instance discovery, for clients configured to ask this host instead of skipping it
  // (az through the sandbox's MSAL shim). Like Entra, it points at the discovery document of
  // the tenant named in `authorization_endpoint`, v2.0 when that endpoint is v2.0.
  router.get('/common/discovery/instance', req => {
    const host = header(req, 'host') ?? 'localhost';
    const authorize = discoveredAuthorizeEndpoint(
      req.url.searchParams.get('authorization_endpoint'),
    );
    const tenant = authorize?.tenant ?? ctx.state.tenantId;
    const v2 = authorize ? authorize.v2 : true;
    return json(200, {
      tenant_discovery_endpoint: `${requestOrigin(req)}/${tenant}${
        v2 ? '/v2.0' : ''
      }/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [
        { preferred_network: host, preferred_cache: host, aliases: [host] },
      ],
    });
  });
  router.post('/:tenant/oauth2/v2.0/token', req => token(req, 'v2'));
  router.post('/:tenant/oauth2/token', req => token(req, 'v1'));

  async function token(
    req: HttpRequest,
    version: 'v1' | 'v2',
  ): Promise<HttpResponse> {
    const { tenant } = req.params;
    if (!knownTenant(tenant)) return tenantNotFound(req, tenant);
    const directory = tenantOk(tenant)
      ? ctx.state.tenantId
      : otherTenant(tenant);
    const form = readForm(req);
    const basic = parseBasic(header(req, 'authorization'));
    const clientId = form.client_id ?? basic?.id;
    const secret = form.client_secret ?? basic?.secret;
    if (form.grant_type !== 'client_credentials') {
      return error(req, {
        status: 400,
        error: 'unsupported_grant_type',
        code: 70003,
        message: `The app requested an unsupported grant type '${
          form.grant_type ?? ''
        }'.`,
      });
    }
    if (!clientId) {
      return error(req, {
        status: 400,
        error: 'invalid_request',
        code: 900144,
        message:
          "The request body must contain the following parameter: 'client_id'.",
      });
    }
    const resource =
      version === 'v1' ? form.resource : resourceFromScope(form.scope);
    if (!resource) {
      return error(req, {
        status: 400,
        error: 'invalid_scope',
        code: 1002012,
        message: `The provided value for scope ${
          form.scope ?? ''
        } is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      });
    }
    const clientNotFound = error(req, {
      status: 400,
      error: 'unauthorized_client',
      code: 700016,
      message: `Application with identifier '${clientId}' was not found in the directory '${directory}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    });

    if (
      form.client_assertion !== undefined ||
      form.client_assertion_type !== undefined
    ) {
      if (
        form.client_assertion_type !== ASSERTION_TYPE ||
        !form.client_assertion
      ) {
        return error(req, {
          status: 400,
          error: 'invalid_request',
          code: 50027,
          message: 'JWT token is invalid or malformed.',
        });
      }
      const identity = tenantOk(tenant)
        ? ctx.state.findIdentityByClientId(clientId)
        : undefined;
      if (!identity) return clientNotFound;
      const result = await verifyClientAssertion({
        assertion: form.client_assertion,
        fics: ctx.state.listFederatedCredentials(identity),
        now: ctx.now(),
        ficPropagationDelayMs: ctx.realism.ficPropagationDelayMs,
        fetchKeys: ctx.fetchIssuerKeys,
      });
      if (!result.ok) return error(req, result);
      return issued(
        ctx.tokens.issue({
          resource,
          objectId: identity.principalId,
          appId: identity.clientId,
          managedIdentityId: identityId(identity),
        }),
      );
    }

    const app = tenantOk(tenant)
      ? ctx.state.findPrincipalByAppId(clientId)
      : undefined;
    if (!app) return clientNotFound;
    if (!secret || !app.secrets?.includes(secret)) {
      return error(req, {
        status: 401,
        error: 'invalid_client',
        code: 7000215,
        message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      });
    }
    return issued(
      ctx.tokens.issue({ resource, objectId: app.objectId, appId: clientId }),
    );
  }

  return router.handler;
}

function issued(t: { token: string; expiresIn: number }): HttpResponse {
  return json(
    200,
    {
      token_type: 'Bearer',
      expires_in: t.expiresIn,
      ext_expires_in: t.expiresIn,
      access_token: t.token,
    },
    { 'cache-control': 'no-store, no-cache' },
  );
}

/** The tenant and version of `https://host/{tenant}/oauth2[/v2.0]/authorize`, if it is one. */
function discoveredAuthorizeEndpoint(
  value: string | null,
): { tenant: string; v2: boolean } | undefined {
  if (!value) return undefined;
  let path: string;
  try {
    path = new URL(value).pathname;
  } catch {
    return undefined;
  }
  const m = /^\/([^/]+)\/oauth2\/(v2\.0\/)?authorize\/?$/i.exec(path);
  return m ? { tenant: m[1], v2: Boolean(m[2]) } : undefined;
}

/** `https://x/.default` → `https://x`. Only `.default` scopes exist for client credentials. */
function resourceFromScope(scope: string | undefined): string | undefined {
  const first = scope?.split(' ').find(s => s.endsWith('/.default'));
  return first ? first.slice(0, -'/.default'.length) : undefined;
}

function parseBasic(
  authorization: string | undefined,
): { id: string; secret: string } | undefined {
  if (!authorization?.toLowerCase().startsWith('basic ')) return undefined;
  const [id, ...rest] = Buffer.from(authorization.slice(6), 'base64')
    .toString('utf8')
    .split(':');
  return {
    id: decodeURIComponent(id),
    secret: decodeURIComponent(rest.join(':')),
  };
}

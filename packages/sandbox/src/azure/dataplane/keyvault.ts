import { randomUUID } from 'node:crypto';
import {
  createRouter,
  header,
  HttpRequest,
  HttpResponse,
  readJson,
} from '../../http';
import { TwinContext } from '../context';
import { AccessTokenClaims } from '../entra/accessTokens';
import { GenericResourceRecord } from '../state/types';
import {
  authorizeDataAction,
  DataplaneDecision,
  findByName,
} from './dataplaneAuth';
import { vaultHostEndpoints, vaultOfHost } from './vaultHosts';

type Item = 'secrets' | 'certificates';
type Op = {
  action: string;
  policy: { kind: Item; permission: string; verb: string };
};

const OPS = {
  getSecret: {
    action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action',
    policy: { kind: 'secrets', permission: 'get', verb: 'get' },
  },
  listSecrets: {
    action: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    policy: { kind: 'secrets', permission: 'list', verb: 'list' },
  },
  setSecret: {
    action: 'Microsoft.KeyVault/vaults/secrets/setSecret/action',
    policy: { kind: 'secrets', permission: 'set', verb: 'set' },
  },
  getCertificate: {
    action: 'Microsoft.KeyVault/vaults/certificates/read',
    policy: { kind: 'certificates', permission: 'get', verb: 'get' },
  },
  listCertificates: {
    action: 'Microsoft.KeyVault/vaults/certificates/read',
    policy: { kind: 'certificates', permission: 'list', verb: 'list' },
  },
} satisfies Record<string, Op>;

function kvError(
  status: number,
  code: string,
  message: string,
  inner?: string,
  headers?: Record<string, string>,
): HttpResponse {
  return {
    status,
    headers: { 'x-ms-request-id': randomUUID(), ...headers },
    body: {
      error: {
        code,
        message,
        ...(inner ? { innererror: { code: inner } } : {}),
      },
    },
  };
}

function callerText(c: AccessTokenClaims): string {
  return `appid=${c.appid};oid=${c.oid};iss=${c.iss}`;
}

/**
 * The access-policy model: in this mode RBAC data roles on the vault are
 * ignored and only `properties.accessPolicies` count (`all` grants everything).
 */
function policyAllows(
  vault: GenericResourceRecord,
  claims: AccessTokenClaims,
  op: Op,
): boolean {
  const policies =
    (vault.properties.accessPolicies as
      | Array<Record<string, any>>
      | undefined) ?? [];
  return policies.some(
    p =>
      String(p.objectId ?? '').toLowerCase() === claims.oid.toLowerCase() &&
      (!p.tenantId ||
        String(p.tenantId).toLowerCase() === claims.tid.toLowerCase()) &&
      ((p.permissions?.[op.policy.kind] as string[] | undefined) ?? []).some(
        x => ['all', op.policy.permission].includes(x.toLowerCase()),
      ),
  );
}

/**
 * Key Vault secrets and certificates on `/keyvault/{vault}/...` and on each vault's own host
 * (vaultHosts.ts), with Key Vault's JSON error shapes: ForbiddenByRbac, AccessDenied (policy
 * mode), ForbiddenByFirewall.
 */
export function createKeyVaultRoutes(ctx: TwinContext) {
  const router = createRouter();

  const denied = (
    d: Exclude<DataplaneDecision, { kind: 'ok' }>,
    vault: GenericResourceRecord,
    op: Op,
    rbacMode: boolean,
    req: HttpRequest,
    scope: string,
  ) => {
    const vaultText = `${vault.name};location=${vault.location ?? 'eastus'}`;
    switch (d.kind) {
      case 'unauthenticated': {
        const host = header(req, 'host') ?? 'localhost';
        const { origin, resource } = vaultOfHost(host)
          ? vaultHostEndpoints(host)
          : { origin: `https://${host}`, resource: 'https://vault.azure.net' };
        return kvError(
          401,
          'Unauthorized',
          `AKV10000: Request is missing a Bearer or PoP token. ${d.detail}`,
          undefined,
          {
            'www-authenticate': `Bearer authorization="${origin}/${ctx.state.tenantId}", resource="${resource}"`,
          },
        );
      }
      case 'network':
        return kvError(
          403,
          'Forbidden',
          `Client address is not authorized and caller is not a trusted service.\r\nClient address: ${d.ip}\r\nVault: ${vaultText}`,
          'ForbiddenByFirewall',
        );
      default:
        return rbacMode
          ? kvError(
              403,
              'Forbidden',
              `Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: ${callerText(
                d.claims,
              )}\r\nAction: '${
                op.action
              }'\r\nResource: '${scope.toLowerCase()}'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: null \r\nVault: ${vaultText}\r\n`,
              'ForbiddenByRbac',
            )
          : kvError(
              403,
              'Forbidden',
              `The user, group or application '${callerText(
                d.claims,
              )}' does not have ${op.policy.kind} ${
                op.policy.verb
              } permission on key vault '${vaultText}'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287`,
              'AccessDenied',
            );
    }
  };

  const guard = (req: HttpRequest, op: Op, scopeSuffix: string) => {
    const vault = findByName(
      ctx,
      'Microsoft.KeyVault/vaults',
      req.params.vault,
    );
    if (!vault)
      return {
        response: kvError(
          404,
          'VaultNotFound',
          `The vault '${req.params.vault}' does not exist.`,
        ),
      };
    const rbacMode = vault.properties.enableRbacAuthorization === true;
    const decision = authorizeDataAction({
      ctx,
      req,
      service: 'keyvault',
      resource: vault,
      action: op.action,
      scope: `${vault.id}${scopeSuffix}`,
      policyCheck: rbacMode
        ? undefined
        : claims => policyAllows(vault, claims, op),
    });
    if (decision.kind !== 'ok')
      return {
        response: denied(
          decision,
          vault,
          op,
          rbacMode,
          req,
          `${vault.id}${scopeSuffix}`,
        ),
      };
    return { vault };
  };

  // Ids name the vault the way the caller addressed it: its own host, or the path on the twin's.
  const base = (req: HttpRequest) =>
    vaultOfHost(header(req, 'host'))
      ? `https://${header(req, 'host')}`
      : `https://${header(req, 'host')}/keyvault/${req.params.vault}`;
  const attributes = (enabled: boolean, updated: number) => ({
    enabled,
    created: Math.floor(updated / 1000),
    updated: Math.floor(updated / 1000),
    recoveryLevel: 'Recoverable+Purgeable',
  });

  router.get('/keyvault/:vault/secrets', req => {
    const g = guard(req, OPS.listSecrets, '');
    if (g.response) return g.response;
    const value = ctx.state.listSecrets(g.vault.id).map(([name, s]) => ({
      id: `${base(req)}/secrets/${name}`,
      attributes: attributes(s.enabled, s.updated),
      contentType: s.contentType,
    }));
    return { status: 200, body: { value, nextLink: null } };
  });

  const getSecret = (req: HttpRequest) => {
    const g = guard(req, OPS.getSecret, `/secrets/${req.params.name}`);
    if (g.response) return g.response;
    const s = ctx.state.getSecret(g.vault.id, req.params.name);
    if (!s || (req.params.version && req.params.version !== s.version)) {
      return kvError(
        404,
        'SecretNotFound',
        `A secret with (name/id) ${req.params.name} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
      );
    }
    return {
      status: 200,
      body: {
        value: s.value,
        contentType: s.contentType,
        id: `${base(req)}/secrets/${req.params.name}/${s.version}`,
        attributes: attributes(s.enabled, s.updated),
      },
    };
  };
  router.get('/keyvault/:vault/secrets/:name', getSecret);
  router.get('/keyvault/:vault/secrets/:name/:version', getSecret);

  router.put('/keyvault/:vault/secrets/:name', req => {
    const g = guard(req, OPS.setSecret, `/secrets/${req.params.name}`);
    if (g.response) return g.response;
    const body = readJson<{ value?: string; contentType?: string }>(req);
    if (typeof body.value !== 'string')
      return kvError(400, 'BadParameter', "Property 'value' is required.");
    const s = ctx.state.putSecret(g.vault.id, req.params.name, {
      value: body.value,
      contentType: body.contentType,
    });
    return {
      status: 200,
      body: {
        value: s.value,
        id: `${base(req)}/secrets/${req.params.name}/${s.version}`,
        attributes: attributes(s.enabled, s.updated),
      },
    };
  });

  router.get('/keyvault/:vault/certificates', req => {
    const g = guard(req, OPS.listCertificates, '');
    if (g.response) return g.response;
    const value = ctx.state.listCertificates(g.vault.id).map(([name, c]) => ({
      id: `${base(req)}/certificates/${name}`,
      attributes: attributes(c.enabled, c.updated),
    }));
    return { status: 200, body: { value, nextLink: null } };
  });

  router.get('/keyvault/:vault/certificates/:name', req => {
    const g = guard(
      req,
      OPS.getCertificate,
      `/certificates/${req.params.name}`,
    );
    if (g.response) return g.response;
    const c = ctx.state.getCertificate(g.vault.id, req.params.name);
    if (!c)
      return kvError(
        404,
        'CertificateNotFound',
        `A certificate with (name/id) ${req.params.name} was not found in this key vault.`,
      );
    return {
      status: 200,
      body: {
        id: `${base(req)}/certificates/${req.params.name}/${c.version}`,
        kid: `${base(req)}/keys/${req.params.name}/${c.version}`,
        sid: `${base(req)}/secrets/${req.params.name}/${c.version}`,
        cer: c.cerBase64,
        attributes: attributes(c.enabled, c.updated),
      },
    };
  });

  return router.handler;
}

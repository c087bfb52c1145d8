import { header, HttpRequest } from '../../http';
import { TwinContext } from '../context';
import { AccessTokenClaims, normalizeAudience } from '../entra/accessTokens';
import { GenericResourceRecord } from '../state/types';
import { CallerNetwork, evaluateNetwork } from './network';
import { isSandboxVaultAudience } from './vaultHosts';

/** Each service takes tokens for its own resource, as in Azure; Key Vault also the per-vault hosts' (vaultHosts.ts). */
export const SERVICE_AUDIENCES = {
  storage: ['https://storage.azure.com'],
  keyvault: ['https://vault.azure.net', 'https://vault.azure.net/.default'],
  servicebus: ['https://servicebus.azure.net'],
  eventhubs: ['https://eventhubs.azure.net'],
} as const;

export type Service = keyof typeof SERVICE_AUDIENCES;

/** Default source address of data-plane calls: the demo cluster's egress IP. */
export const DEFAULT_CLIENT_IP = '20.0.0.10';

export type DataplaneDecision =
  | { kind: 'ok'; claims: AccessTokenClaims }
  | { kind: 'unauthenticated'; detail: string }
  | { kind: 'network'; reason: string; ip: string }
  | { kind: 'forbidden'; claims: AccessTokenClaims; action: string };

export function callerNetwork(req: HttpRequest): CallerNetwork {
  return {
    ip: header(req, 'x-sandbox-client-ip') ?? DEFAULT_CLIENT_IP,
    subnetId: header(req, 'x-sandbox-client-subnet'),
  };
}

export function authenticate(
  ctx: TwinContext,
  req: HttpRequest,
  service: Service,
) {
  const accepted = SERVICE_AUDIENCES[service].map(normalizeAudience);
  return ctx.tokens.verify(
    header(req, 'authorization'),
    aud =>
      accepted.includes(normalizeAudience(aud)) ||
      (service === 'keyvault' && isSandboxVaultAudience(aud)),
  );
}

/**
 * The checks every data-plane call makes, in Azure's order: token, then the
 * resource's firewall, then RBAC (a role whose dataActions cover the action on
 * `scope` or any ancestor). Key Vault in access-policy mode passes `policyCheck`
 * instead of RBAC.
 */
export function authorizeDataAction(input: {
  ctx: TwinContext;
  req: HttpRequest;
  service: Service;
  resource: GenericResourceRecord;
  ruleSet?: GenericResourceRecord;
  action: string;
  scope: string;
  policyCheck?: (claims: AccessTokenClaims) => boolean;
}): DataplaneDecision {
  const token = authenticate(input.ctx, input.req, input.service);
  if (!token.ok) return { kind: 'unauthenticated', detail: token.detail };
  const network = callerNetwork(input.req);
  const net = evaluateNetwork(input.resource, network, input.ruleSet);
  if (!net.allowed)
    return { kind: 'network', reason: net.reason ?? 'denied', ip: network.ip };
  const allowed = input.policyCheck
    ? input.policyCheck(token.claims)
    : input.ctx.rbac.isAllowed(
        token.claims.oid,
        input.action,
        input.scope,
        'data',
      );
  return allowed
    ? { kind: 'ok', claims: token.claims }
    : { kind: 'forbidden', claims: token.claims, action: input.action };
}

/** Data-plane resources are found by name, like their DNS names in Azure. */
export function findByName(
  ctx: TwinContext,
  type: string,
  name: string,
): GenericResourceRecord | undefined {
  return ctx.state
    .listResources('/', type)
    .find(r => r.name.toLowerCase() === name.toLowerCase());
}

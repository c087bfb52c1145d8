import { GenericResourceRecord } from '../state/types';

/** Where a data-plane call comes from, as the resource's firewall sees it. */
export interface CallerNetwork {
  ip: string;
  /** ARM id of the caller's subnet, when it sits in a VNet with a service endpoint. */
  subnetId?: string;
}

export interface NetworkDecision {
  allowed: boolean;
  reason?: string;
}

interface Rules {
  publicNetworkAccess?: string;
  defaultAction?: string;
  ipRules: string[];
  subnetIds: string[];
}

/**
 * Storage and Key Vault keep their firewall in `properties.networkAcls`;
 * Service Bus and Event Hubs in the `networkRuleSets/default` child (passed as
 * `ruleSet`). Private endpoints are not modelled: a denied caller stays denied.
 */
export function evaluateNetwork(
  resource: GenericResourceRecord,
  caller: CallerNetwork,
  ruleSet?: GenericResourceRecord,
): NetworkDecision {
  const rules = readRules(resource, ruleSet);
  if ((rules.publicNetworkAccess ?? '').toLowerCase() === 'disabled') {
    return { allowed: false, reason: 'public network access is disabled' };
  }
  if ((rules.defaultAction ?? 'Allow').toLowerCase() !== 'deny')
    return { allowed: true };
  if (rules.ipRules.some(r => ipInRange(caller.ip, r)))
    return { allowed: true };
  if (
    caller.subnetId &&
    rules.subnetIds.some(
      s => s.toLowerCase() === caller.subnetId!.toLowerCase(),
    )
  )
    return { allowed: true };
  return {
    allowed: false,
    reason: `client address ${caller.ip} is not allowed by the firewall (default action Deny)`,
  };
}

function readRules(
  resource: GenericResourceRecord,
  ruleSet?: GenericResourceRecord,
): Rules {
  const p = resource.properties as Record<string, any>;
  if (ruleSet) {
    const r = ruleSet.properties as Record<string, any>;
    return {
      publicNetworkAccess: r.publicNetworkAccess ?? p.publicNetworkAccess,
      defaultAction: r.defaultAction,
      ipRules: (r.ipRules ?? [])
        .filter((x: any) => (x.action ?? 'Allow') === 'Allow')
        .map((x: any) => x.ipMask ?? x.value),
      subnetIds: (r.virtualNetworkRules ?? [])
        .map((x: any) => x.subnet?.id ?? x.id)
        .filter(Boolean),
    };
  }
  const acls = p.networkAcls ?? p.networkRuleSet ?? {};
  return {
    publicNetworkAccess: p.publicNetworkAccess,
    defaultAction: acls.defaultAction,
    ipRules: (acls.ipRules ?? [])
      .map((x: any) => x.value ?? x.iPAddressOrRange)
      .filter(Boolean),
    subnetIds: (acls.virtualNetworkRules ?? [])
      .map((x: any) => x.id ?? x.virtualNetworkResourceId)
      .filter(Boolean),
  };
}

/** IPv4 address or CIDR match; other forms compare as text. */
export function ipInRange(ip: string, rule: string): boolean {
  const [base, bitsText] = rule.split('/');
  const a = toInt(ip);
  const b = toInt(base);
  if (a === undefined || b === undefined) return ip === rule;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (!(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

function toInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  const nums = parts.map(Number);
  if (nums.some(n => !Number.isInteger(n) || n < 0 || n > 255))
    return undefined;
  return ((nums[0] << 24) | (nums[1] << 16) | (nums[2] << 8) | nums[3]) >>> 0;
}

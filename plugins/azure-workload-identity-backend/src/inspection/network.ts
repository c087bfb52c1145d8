import { TargetResource } from './azureTypes';

/**
 * Network facts shared by the inspector (which reads `A7` only where they matter) and the
 * resource rules (which judge them).
 */

/** Public access off, or a firewall whose default is Deny: only listed networks get in. */
export function isClosedToInternet(resource: TargetResource): boolean {
  const p = resource.properties;
  const acls = p.networkAcls ?? p.networkRuleSet;
  return (
    p.publicNetworkAccess?.toLowerCase() === 'disabled' ||
    acls?.defaultAction === 'Deny'
  );
}

/** The virtual network a subnet id belongs to (`.../virtualNetworks/v/subnets/s` → `.../v`). */
export function vnetOfSubnet(subnetId: string | undefined): string | undefined {
  const match = /^(.*\/virtualnetworks\/[^/]+)\/subnets\/[^/]+$/i.exec(
    subnetId ?? '',
  );
  return match?.[1];
}

/** Resource ids compare case-insensitively, without a trailing slash. */
export function sameId(a: string, b: string): boolean {
  return (
    a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase()
  );
}

/**
 * The Private DNS zone pods must resolve the target through once it is private; undefined
 * for types this catalogue has no zone for. Storage is reached on its blob endpoint, or its
 * queue endpoint for sending messages.
 */
export function privateLinkZone(
  resourceType: string,
  intent: string,
): string | undefined {
  switch (resourceType.toLowerCase()) {
    case 'microsoft.keyvault/vaults':
      return 'privatelink.vaultcore.azure.net';
    case 'microsoft.storage/storageaccounts':
      return intent === 'send'
        ? 'privatelink.queue.core.windows.net'
        : 'privatelink.blob.core.windows.net';
    case 'microsoft.servicebus/namespaces':
    case 'microsoft.eventhub/namespaces':
      return 'privatelink.servicebus.windows.net';
    default:
      return undefined;
  }
}

/** Whether an IPv4 address is the rule's address or inside its CIDR range. */
export function ipMatchesRule(ip: string, rule: string): boolean {
  const [base, bitsText] = rule.trim().split('/');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const a = ipv4(ip);
  const b = ipv4(base);
  if (a === undefined || b === undefined || !(bits >= 0 && bits <= 32))
    return false;
  if (bits === 0) return true;
  const mask = (0xffffffff << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    const n = Number(part);
    if (!/^\d{1,3}$/.test(part) || n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

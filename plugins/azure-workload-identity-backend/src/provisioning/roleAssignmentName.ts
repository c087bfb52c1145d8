import { createHash } from 'node:crypto';

// A namespace of our own for name-based UUIDs (RFC 9562, section 5.5), so our names never collide
// with another tool's UUIDv5 of the same text.
const NAMESPACE = 'b8d3c0a4-5f1e-4f7a-9a62-2d3c1e0f7a11';

/**
 * The role assignment's name, derived from what it grants: the same scope, role and principal
 * always give the same name, so a retried or resumed step re-issues the same PUT instead of
 * creating a second assignment.
 */
export function roleAssignmentName(options: {
  scope: string;
  roleId: string;
  principalId: string;
}): string {
  const text = [
    options.scope.replace(/\/+$/, ''),
    options.roleId,
    options.principalId,
  ]
    .join('|')
    .toLowerCase();
  return uuidV5(text, NAMESPACE);
}

function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

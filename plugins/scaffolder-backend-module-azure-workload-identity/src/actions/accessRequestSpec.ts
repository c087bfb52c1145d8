import { AccessRequestSpec } from '@backstage-community/plugin-azure-workload-identity-common';
import { createHash } from 'node:crypto';

/**
 * The checkpoint under which the created request's id is kept. Derived from the request so
 * that a retried task finds the request it already created, while each iteration of a step
 * with `each` (a different request) gets its own.
 */
export function createRequestCheckpointKey(spec: AccessRequestSpec): string {
  const digest = createHash('sha256').update(canonicalJson(spec)).digest('hex');
  return `create-request-${digest.slice(0, 16)}`;
}

// Key order must not change the key: the same request rendered twice must hash the same.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)); // keys of one object are unique
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

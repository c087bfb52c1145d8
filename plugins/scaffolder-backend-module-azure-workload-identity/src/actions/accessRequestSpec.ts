import { AccessRequestSpec } from '@internal/plugin-azure-workload-identity-common';
import { createHash } from 'node:crypto';

/** What the request action takes from the template. */
export interface RequestAccessInput {
  entityRef: string;
  cluster: string;
  namespace: string;
  serviceAccountName: string;
  resources: {
    resourceId: string;
    intent?: 'read' | 'write' | 'manage';
    permissions?: string[];
    mustNot?: string[];
  }[];
  environment?: 'production' | 'staging' | 'development';
  justification?: string;
  identityName?: string;
  expiresAt?: string;
}

/**
 * The request body the backend takes. Fields a template leaves empty are left out rather than
 * sent as undefined or '', since the backend refuses what it does not expect.
 */
export function accessRequestSpecOf(
  input: RequestAccessInput,
): AccessRequestSpec {
  return {
    entityRef: input.entityRef,
    cluster: input.cluster,
    namespace: input.namespace,
    serviceAccountName: input.serviceAccountName,
    resources: input.resources.map(r => ({
      resourceId: r.resourceId,
      ...(r.intent ? { intent: r.intent } : {}),
      ...(r.permissions?.length ? { permissions: r.permissions } : {}),
      ...(r.mustNot?.length ? { mustNot: r.mustNot } : {}),
    })),
    ...(input.environment ? { environment: input.environment } : {}),
    ...(input.justification ? { justification: input.justification } : {}),
    ...(input.identityName ? { identity: { name: input.identityName } } : {}),
    ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
  };
}

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

import { AccessRequestSpec } from './accessRequest';

/**
 * What the "Request Azure access" template collects, flat as a form and the scaffolder action
 * take it; the plan-review field and the action both turn it into the same request body.
 *
 * @public
 */
export interface RequestAccessTemplateInput {
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
 *
 * @public
 */
export function accessRequestSpecOf(
  input: RequestAccessTemplateInput,
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
    ...(input.expiresAt ? { expiresAt: expiryOf(input.expiresAt) } : {}),
  };
}

// A date picker gives a day; access given until a day ends at the start of that day in UTC.
function expiryOf(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
}

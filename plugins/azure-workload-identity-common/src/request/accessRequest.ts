import { z } from 'zod';
import { DNS_LABEL, DNS_SUBDOMAIN, IDENTITY_NAME } from '../naming/names';

// Names that travel into ARM ids, Kubernetes objects and log lines: no control characters,
// no path separators, nothing a shell or a URL would reinterpret.
const clusterName = z
  .string()
  .min(1, 'name the AKS cluster')
  .max(63, 'an AKS cluster name has at most 63 characters')
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
    'use letters, digits, - and _ as AKS cluster names do',
  );

const freeText = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine(text => !hasControlCharacters(text), 'remove control characters');

// Tab, line feed and carriage return are fine in a justification; other control characters
// only ever arrive to break a log line or a terminal.
function hasControlCharacters(text: string): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (
      (code < 32 && char !== '\t' && char !== '\n' && char !== '\r') ||
      code === 127
    ) {
      return true;
    }
  }
  return false;
}

/**
 * One Azure resource the workload needs: an intent, a permission list, or an explicit role.
 *
 * @public
 */
export type AccessTargetSpec = {
  resourceId: string;
  intent?: 'read' | 'write' | 'manage';
  permissions?: string[];
  mustNot?: string[];
  role?: string;
  allowPrivileged?: boolean;
};

/**
 * A request for Azure access, as the form, the scaffolder action and the API all take it.
 *
 * @public
 */
export type AccessRequestSpec = {
  entityRef: string;
  cluster: string;
  namespace: string;
  serviceAccountName: string;
  identity?: { name?: string; resourceId?: string };
  resources: AccessTargetSpec[];
  environment?: 'production' | 'staging' | 'development';
  justification?: string;
  expiresAt?: string;
};

// The schemas are typed with the types above rather than inferred: the compiler checks they
// agree, and the API report does not depend on the order in which inferred members print.

/**
 * The checks of one Azure resource the workload needs.
 *
 * @public
 */
export const accessTargetSchema: z.ZodType<
  AccessTargetSpec,
  z.ZodTypeDef,
  unknown
> = z
  .object({
    resourceId: z
      .string()
      .max(1024, 'an Azure resource id has at most 1024 characters')
      .regex(
        /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[^/\s]+\/providers\/[^\s?#]+$/,
        'use a full Azure resource id: /subscriptions/<guid>/resourceGroups/<group>/providers/<namespace>/<type>/<name>',
      ),
    intent: z.enum(['read', 'write', 'manage']).optional(),
    permissions: z
      .array(
        z
          .string()
          .regex(
            /^[a-z]+\.[a-z]+$/,
            'permissions look like blob.read or secrets.read',
          ),
      )
      .max(20)
      .optional(),
    mustNot: z
      .array(
        z
          .string()
          .regex(/^[a-z]+\.[a-z]+$/, 'permissions look like blob.delete'),
      )
      .max(20)
      .optional(),
    role: z
      .string()
      .max(128)
      .regex(
        /^[\w .-]+$/,
        'name a built-in role, e.g. Storage Blob Data Reader',
      )
      .optional(),
    allowPrivileged: z.boolean().optional(),
  })
  .strict()
  .refine(t => t.intent || t.permissions?.length || t.role, {
    message: 'name an intent (read, write or manage), permissions or a role',
  });

/**
 * The checks of a request for Azure access.
 *
 * @public
 */
export const accessRequestSchema: z.ZodType<
  AccessRequestSpec,
  z.ZodTypeDef,
  unknown
> = z
  .object({
    entityRef: z
      .string()
      .max(255)
      .regex(
        /^component:[a-z0-9][\w.-]*\/[a-zA-Z0-9][\w.-]*$/,
        'use a component entity ref, e.g. component:default/orders-api',
      ),
    cluster: clusterName,
    namespace: z
      .string()
      .max(63, 'a namespace has at most 63 characters')
      .regex(
        DNS_LABEL,
        'use a Kubernetes namespace name: lower case letters, digits and -',
      ),
    serviceAccountName: z
      .string()
      .max(253, 'a service account name has at most 253 characters')
      .regex(
        DNS_SUBDOMAIN,
        'use a Kubernetes name: lower case letters, digits, - and .',
      ),
    identity: z
      .object({
        /** Create (or adopt) an identity of this name; defaults to id-<component>-<cluster>. */
        name: z
          .string()
          .regex(
            IDENTITY_NAME,
            'identity names have 3–128 letters, digits, - and _, starting with a letter or digit',
          )
          .optional(),
        /** Reuse an existing identity by its resource id. */
        resourceId: z
          .string()
          .max(1024)
          .regex(
            /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[^/\s]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/\s]+$/i,
            'use the resource id of a user-assigned managed identity',
          )
          .optional(),
      })
      .strict()
      .refine(
        i => !(i.name && i.resourceId),
        'name an identity to create or one to reuse, not both',
      )
      .optional(),
    resources: z
      .array(accessTargetSchema)
      .min(1, 'name at least one Azure resource')
      .max(20, 'at most 20 resources per request; split the request'),
    environment: z.enum(['production', 'staging', 'development']).optional(),
    justification: freeText(2000).optional(),
    expiresAt: z
      .string()
      .datetime({
        offset: true,
        message: 'use an ISO 8601 date-time, e.g. 2027-01-31T00:00:00Z',
      })
      // "Now" is read at each validation, as a backend runs for months. A value that is no
      // date-time has been told so above and gets no second message.
      .refine(value => {
        const at = Date.parse(value);
        return Number.isNaN(at) || at > Date.now();
      }, 'the expiry date has passed; pick a date in the future')
      .optional(),
  })
  .strict();

/**
 * One problem with the input: the field's path as a user would write it, and what to change.
 *
 * @public
 */
export interface InputProblem {
  field: string;
  message: string;
}

/** @public */
export function formatPath(path: (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

/**
 * Validates a request, returning either the typed spec or every problem, each with its field.
 *
 * @public
 */
export function validateAccessRequest(
  input: unknown,
):
  | { ok: true; spec: AccessRequestSpec }
  | { ok: false; problems: InputProblem[] } {
  const result = accessRequestSchema.safeParse(input);
  if (result.success) return { ok: true, spec: result.data };
  return {
    ok: false,
    problems: result.error.issues.map(issue => ({
      field: formatPath(issue.path) || '(request)',
      message: issue.message,
    })),
  };
}

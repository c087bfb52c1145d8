import { StatusError } from './api/status';

/** A scripted failure of the Kubernetes API: one call answers an error, for per-call fault injection. */
export interface KubernetesFault {
  /** Request verb (`get`, `list`, `create`, `patch`, `delete`, `watch`...); any when absent. */
  verb?: string;
  /** Plural resource, optionally with subresource (`serviceaccounts/token`); any when absent. */
  resource?: string;
  namespace?: string;
  name?: string;
  /** Only for this user name (e.g. the portal's reader). */
  user?: string;
  status: 403 | 404 | 409 | 429 | 500 | 503 | number;
  message?: string;
  retryAfterSeconds?: number;
  /** How many matching calls fail; forever when absent. */
  times?: number;
}

export interface WebhookFault {
  /**
   * `deny`: the webhook refuses pods with `message`; `skip`: the next `times` pods are not
   * mutated; `strip-token-volume`: a policy engine admitting after the webhook removes the
   * projected token volume it added, and its mounts, while the AZURE_* variables stay.
   */
  mode: 'deny' | 'skip' | 'strip-token-volume';
  message?: string;
  namespace?: string;
  times?: number;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

export class FaultRules {
  private rules: KubernetesFault[] = [];
  private webhookRules: WebhookFault[] = [];

  add(fault: KubernetesFault): void {
    this.rules.push({ ...fault });
  }

  addWebhookFault(fault: WebhookFault): void {
    this.webhookRules.push({ ...fault });
  }

  clear(): void {
    this.rules = [];
    this.webhookRules = [];
  }

  /** The failure for this call, if a rule matches (and counts it down). */
  match(call: {
    verb: string;
    resource: string;
    namespace?: string;
    name?: string;
    user: string;
  }): StatusError | undefined {
    const rule = this.rules.find(
      r =>
        (!r.verb || r.verb === call.verb) &&
        (!r.resource || r.resource === call.resource) &&
        (!r.namespace || r.namespace === call.namespace) &&
        (!r.name || r.name === call.name) &&
        (!r.user || r.user === call.user),
    );
    if (!rule) return undefined;
    if (rule.times !== undefined && --rule.times <= 0)
      this.rules = this.rules.filter(r => r !== rule);
    const message = rule.message ?? defaultMessage(rule.status, call);
    return new StatusError(
      rule.status,
      REASONS[rule.status] ?? 'Unknown',
      message,
      rule.retryAfterSeconds
        ? { retryAfterSeconds: rule.retryAfterSeconds }
        : undefined,
      rule.retryAfterSeconds
        ? { 'retry-after': String(rule.retryAfterSeconds) }
        : {},
    );
  }

  webhookFault(namespace: string): WebhookFault | undefined {
    const rule = this.webhookRules.find(
      r => !r.namespace || r.namespace === namespace,
    );
    if (!rule) return undefined;
    if (rule.times !== undefined && --rule.times <= 0)
      this.webhookRules = this.webhookRules.filter(r => r !== rule);
    return rule;
  }
}

function defaultMessage(
  status: number,
  call: {
    verb: string;
    resource: string;
    namespace?: string;
    name?: string;
    user: string;
  },
): string {
  if (status === 403)
    return `${call.resource}${
      call.name ? ` "${call.name}"` : ''
    } is forbidden: User "${call.user}" cannot ${call.verb} resource "${
      call.resource
    }" in API group "" ${
      call.namespace
        ? `in the namespace "${call.namespace}"`
        : 'at the cluster scope'
    }`;
  if (status === 404) return `${call.resource} "${call.name ?? ''}" not found`;
  if (status === 429) return 'Too many requests, please try again later.';
  if (status === 503)
    return 'the server is currently unable to handle the request';
  return 'Internal error occurred: injected fault';
}

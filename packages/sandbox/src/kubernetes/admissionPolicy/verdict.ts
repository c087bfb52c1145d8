import type {
  AdmissionAttributes,
  AdmissionDenial,
  AdmissionVerdict,
  AuditAnnotation,
  ValidationAction,
} from './types';

/*
 * How a request's outcome is worded, after the ValidatingAdmissionPolicy
 * dispatcher in k8s.io/apiserver/pkg/admission/plugin/policy/validating
 * (dispatcher.go, policy_decision.go) and admission.NewForbidden.
 */

export interface Denied {
  policy: string;
  /** Absent when the policy itself is misconfigured. */
  binding?: string;
  message: string;
  /** A validation's reason; errors leave it empty and are answered as Invalid. */
  reason?: string;
}

/** policy_decision.go reasonToCode: the reasons a validation may name. */
function reasonToCode(reason: string): number {
  switch (reason) {
    case 'Forbidden':
      return 403;
    case 'Unauthorized':
      return 401;
    case 'RequestEntityTooLarge':
      return 413;
    default:
      return 422;
  }
}

/**
 * admission.NewForbidden names the object (its generateName before the
 * server has named it, "Unknown" when neither is set) and the group-qualified
 * resource; the dispatcher then replaces code and reason with the
 * validation's and adds the message as the single cause.
 */
export function denialStatus(
  attributes: AdmissionAttributes,
  denied: Denied,
): AdmissionDenial {
  const text = denied.binding
    ? `ValidatingAdmissionPolicy '${denied.policy}' with binding '${denied.binding}' denied request: ${denied.message}`
    : `ValidatingAdmissionPolicy '${denied.policy}' denied request: ${denied.message}`;
  const { group, resource } = attributes.resource;
  const meta = attributes.object?.metadata;
  const name = attributes.name || meta?.name || meta?.generateName || 'Unknown';
  const qualified = group ? `${resource}.${group}` : resource;
  const reason = denied.reason || 'Invalid';
  return {
    code: reasonToCode(reason),
    reason,
    message: `${qualified} "${name}" is forbidden: ${text}`,
    details: {
      name,
      ...(group ? { group } : {}),
      kind: resource,
      causes: [{ message: text }],
    },
  };
}

/** dispatcher.go maxAuditAnnotationValueLength */
const MAX_AUDIT_VALUE = 10 * 1024;

/** Gathers what one request produces; the first denial decides the answer. */
export class VerdictBuilder {
  private readonly denied: Denied[] = [];
  private readonly warnings = new Set<string>();
  private readonly annotations = new Map<string, string>();

  deny(denied: Denied) {
    this.denied.push(denied);
  }

  warn(policy: string, binding: string, message: string) {
    this.warnings.add(
      `Validation failed for ValidatingAdmissionPolicy '${policy}' with binding '${binding}': ${message}`,
    );
  }

  /** The `validation.policy.admission.k8s.io/validation_failure` annotation an Audit action adds. */
  auditFailure(options: {
    policy: string;
    binding: string;
    expressionIndex: number;
    message: string;
    validationActions: ValidationAction[];
  }) {
    this.annotate(
      'validation.policy.admission.k8s.io/validation_failure',
      JSON.stringify([
        {
          message: options.message,
          policy: options.policy,
          binding: options.binding,
          expressionIndex: options.expressionIndex,
          validationActions: options.validationActions,
        },
      ]),
    );
  }

  /**
   * A policy's auditAnnotations, keyed `<policy>/<key>`; distinct values from
   * several bindings or params are joined with ", ".
   */
  publishPolicyAnnotations(policy: string, values: Map<string, string[]>) {
    for (const [key, list] of values)
      this.annotate(`${policy}/${key}`, list.join(', '));
  }

  static addPolicyAnnotation(
    values: Map<string, string[]>,
    key: string,
    value: string,
  ) {
    const truncated = value.slice(0, MAX_AUDIT_VALUE);
    const list = values.get(key) ?? [];
    if (!list.includes(truncated)) list.push(truncated);
    values.set(key, list);
  }

  /** An annotation key keeps its first value; kube-apiserver refuses to override it. */
  private annotate(key: string, value: string) {
    if (!this.annotations.has(key)) this.annotations.set(key, value);
  }

  build(attributes: AdmissionAttributes): AdmissionVerdict {
    const auditAnnotations: AuditAnnotation[] = [...this.annotations].map(
      ([key, value]) => ({ key, value }),
    );
    const warnings = [...this.warnings];
    if (this.denied.length === 0)
      return { allowed: true, warnings, auditAnnotations };
    return {
      allowed: false,
      status: denialStatus(attributes, this.denied[0]),
      warnings,
      auditAnnotations,
    };
  }
}

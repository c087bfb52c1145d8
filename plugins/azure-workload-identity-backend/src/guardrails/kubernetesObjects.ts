/** The parts of Kubernetes objects the guardrails write; enough for the API server and kubectl. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface GuardrailObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/**
 * How a binding acts on a failed validation: Deny refuses the request; Audit only records it in
 * the API server's audit log, and Warn returns a warning to the client (kubectl prints it).
 * https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/#validation-actions
 */
export type ValidationAction = 'Deny' | 'Warn' | 'Audit';
